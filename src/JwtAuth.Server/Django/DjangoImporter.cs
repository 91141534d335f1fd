using System.Globalization;
using JwtAuth.Import;
using JwtAuth.Server.Data;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Django;

/// <summary>
/// Brings a Django project's users and SimpleJWT refresh tokens into the server. A user keeps its
/// Django id as its Identity id ("42"), so tokens name the same user on both sides, and keeps its
/// password hash until its first login (<see cref="DjangoPasswordHasher"/>). A user already here
/// is skipped, never updated: once imported, the server owns the account. So an import can run
/// again (before the cut-over, to catch up) and changes nothing it already brought over, except
/// that a refresh token blacklisted in Django since is blacklisted here too.
/// </summary>
internal sealed class DjangoImporter(
    UserManager<ServerUser> users,
    ServerDbContext db,
    IImportedRefreshTokenStore importedTokens,
    ISessionStore sessions,
    TimeProvider time)
{
    private const int ProgressEvery = 1000;

    public async Task<DjangoImportSummary> ImportAsync(DjangoExport export, bool dryRun, TextWriter output, CancellationToken cancellationToken)
    {
        var summary = new DjangoImportSummary();
        var owners = await ImportUsersAsync(export.Users, dryRun, summary, output, cancellationToken).ConfigureAwait(false);
        if (export.HasTokenTables)
        {
            await ImportTokensAsync(export.Tokens, owners, dryRun, summary, cancellationToken).ConfigureAwait(false);
        }

        return summary;
    }

    /// <summary>Imports the users; returns the ids whose tokens may come along (imported now, or before under the same name).</summary>
    private async Task<HashSet<string>> ImportUsersAsync(
        IReadOnlyList<DjangoUser> djangoUsers, bool dryRun, DjangoImportSummary summary, TextWriter output, CancellationToken cancellationToken)
    {
        var existing = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.NormalizedUserName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var namesById = existing.ToDictionary(u => u.Id, u => u.UserName, StringComparer.Ordinal);
        var idsByName = existing.Where(u => u.NormalizedUserName is not null).ToDictionary(u => u.NormalizedUserName!, u => u.Id, StringComparer.Ordinal);
        var owners = new HashSet<string>(StringComparer.Ordinal);
        var done = 0;
        foreach (var django in djangoUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++done % ProgressEvery == 0)
            {
                await output.WriteLineAsync($"users: {done}/{djangoUsers.Count}").ConfigureAwait(false);
            }

            var id = django.Id.ToString(CultureInfo.InvariantCulture);
            var skipped = await ImportUserAsync(django, id, namesById, idsByName, dryRun, cancellationToken).ConfigureAwait(false);
            if (skipped is null)
            {
                summary.UsersImported++;
                owners.Add(id);
                namesById[id] = django.UserName;
                idsByName[users.NormalizeName(django.UserName)] = id;
            }
            else if (skipped.Length == 0)
            {
                summary.UsersPresent++;
                owners.Add(id);
            }
            else
            {
                summary.UsersSkipped.Add($"user '{django.UserName}' (id {id}): {skipped}");
            }

            if (skipped is null && DjangoPasswordHasher.UnsupportedAlgorithm(django.Password) is { } algorithm)
            {
                summary.UsersWithoutPassword.Add($"user '{django.UserName}' (id {id}): its password is hashed with Django's {algorithm}, which JwtAuth cannot verify: give it a new password");
            }
        }

        return owners;
    }

    /// <summary>Null when imported (or importable, in a dry run); empty when already here; otherwise why not.</summary>
    private async Task<string?> ImportUserAsync(
        DjangoUser django, string id, Dictionary<string, string?> namesById, Dictionary<string, string> idsByName, bool dryRun, CancellationToken cancellationToken)
    {
        if (namesById.TryGetValue(id, out var present))
        {
            return present == django.UserName ? "" : $"id {id} belongs to another user here ('{present}')";
        }

        if (idsByName.TryGetValue(users.NormalizeName(django.UserName), out var other))
        {
            return $"the user name belongs to another user here (id {other})";
        }

        var user = new ServerUser
        {
            Id = id,
            UserName = django.UserName,
            Email = string.IsNullOrWhiteSpace(django.Email) ? null : django.Email,
            IsActive = django.IsActive,
            // The admin page is for staff, as Django's admin site is (is_superuser alone does not open it).
            IsAdmin = django.IsStaff,
            DateJoinedMs = django.DateJoined.ToUnixTimeMilliseconds(),
            LastLoginMs = django.LastLogin?.ToUnixTimeMilliseconds(),
            // Django marks a user without a password with a leading '!' (set_unusable_password).
            PasswordHash = django.Password.StartsWith('!') || django.Password.Length == 0 ? null : django.Password,
        };
        foreach (var validator in users.UserValidators)
        {
            var validation = await validator.ValidateAsync(users, user).ConfigureAwait(false);
            if (!validation.Succeeded)
            {
                return string.Join(" ", validation.Errors.Select(error => error.Description));
            }
        }

        if (dryRun)
        {
            return null;
        }

        var result = await users.CreateAsync(user).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(error => error.Description));
    }

    private async Task ImportTokensAsync(
        IReadOnlyList<DjangoOutstandingToken> tokens, HashSet<string> owners, bool dryRun, DjangoImportSummary summary, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var epochs = new Dictionary<string, long>(StringComparer.Ordinal);
        var importable = new List<ImportedRefreshToken>();
        foreach (var token in tokens)
        {
            var userId = token.UserId?.ToString(CultureInfo.InvariantCulture);
            if (!JwtAuthIds.TryParse(token.Jti, out var jti))
            {
                summary.SkipToken("jti is not a UUID");
            }
            else if (token.ExpiresAt <= now)
            {
                summary.SkipToken("expired");
            }
            else if (userId is null)
            {
                summary.SkipToken("no user");
            }
            else if (!owners.Contains(userId))
            {
                summary.SkipToken("user not imported");
            }
            else
            {
                if (!epochs.TryGetValue(userId, out var epoch))
                {
                    epochs[userId] = epoch = await sessions.GetUserEpochAsync(userId, cancellationToken).ConfigureAwait(false);
                }

                importable.Add(new ImportedRefreshToken
                {
                    Id = jti,
                    UserId = userId,
                    ExpiresAt = token.ExpiresAt,
                    UserEpoch = epoch,
                    State = token.Blacklisted ? ImportedRefreshTokenState.Blacklisted : ImportedRefreshTokenState.Outstanding,
                });
            }
        }

        ImportedRefreshTokenCounts counts;
        if (dryRun)
        {
            int added = 0, blacklisted = 0;
            foreach (var token in importable)
            {
                var known = await importedTokens.FindAsync(token.Id, cancellationToken).ConfigureAwait(false);
                added += known is null ? 1 : 0;
                blacklisted += known is { State: ImportedRefreshTokenState.Outstanding } && token.State == ImportedRefreshTokenState.Blacklisted ? 1 : 0;
            }

            counts = new ImportedRefreshTokenCounts(added, blacklisted, importable.Count - added - blacklisted);
        }
        else
        {
            counts = await importedTokens.ImportAsync(importable, now, cancellationToken).ConfigureAwait(false);
        }

        summary.TokensImported = counts.Added;
        summary.TokensBlacklisted = counts.Blacklisted;
        summary.TokensPresent = counts.Unchanged;
    }
}
