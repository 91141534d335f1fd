using JwtAuth.Import;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// <see cref="IImportedRefreshTokenStore"/> on any relational EF Core provider. Redeeming and
/// blacklisting are one conditional <c>UPDATE … WHERE State = Outstanding</c> each, whose row count
/// decides: of concurrent uses of one token exactly one changes the row. These writes happen once
/// per imported token, so they bypass the group commit of the session store.
/// </summary>
internal sealed class EntityFrameworkImportedRefreshTokenStore<TContext>(TContext context) : IImportedRefreshTokenStore
    where TContext : DbContext
{
    private const int Outstanding = (int)ImportedRefreshTokenState.Outstanding;

    // Ids per IN list: well under SQLite's and PostgreSQL's parameter limits.
    private const int ChunkSize = 500;

    private DbSet<ImportedRefreshTokenEntity> Tokens => context.Set<ImportedRefreshTokenEntity>();

    public Task<ImportedRefreshToken?> FindAsync(Guid tokenId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var row = await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken).ConfigureAwait(false);
            return row is null ? null : new ImportedRefreshToken
            {
                Id = row.Id,
                UserId = row.UserId,
                ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAtMs),
                UserEpoch = row.UserEpoch,
                State = (ImportedRefreshTokenState)row.State,
            };
        });

    public Task<bool> TryRedeemAsync(Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken) =>
        LeaveOutstandingAsync(tokenId, ImportedRefreshTokenState.Redeemed, now, cancellationToken);

    public Task<bool> TryBlacklistAsync(Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken) =>
        LeaveOutstandingAsync(tokenId, ImportedRefreshTokenState.Blacklisted, now, cancellationToken);

    public Task<ImportedRefreshTokenCounts> ImportAsync(IReadOnlyCollection<ImportedRefreshToken> tokens, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(tokens);
            var at = now.ToUnixTimeMilliseconds();
            int added = 0, blacklisted = 0, unchanged = 0;
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var chunk in tokens.DistinctBy(t => t.Id).Chunk(ChunkSize))
            {
                var ids = chunk.Select(t => t.Id).ToArray();
                var known = await Tokens.AsNoTracking().Where(t => ids.Contains(t.Id))
                    .ToDictionaryAsync(t => t.Id, t => t.State, cancellationToken).ConfigureAwait(false);
                var toBlacklist = new List<Guid>();
                foreach (var token in chunk)
                {
                    if (!known.TryGetValue(token.Id, out var state))
                    {
                        Tokens.Add(new ImportedRefreshTokenEntity
                        {
                            Id = token.Id,
                            UserId = token.UserId,
                            ExpiresAtMs = token.ExpiresAt.ToUnixTimeMilliseconds(),
                            UserEpoch = token.UserEpoch,
                            State = (int)token.State,
                            ChangedAtMs = at,
                        });
                        added++;
                    }
                    else if (state == Outstanding && token.State == ImportedRefreshTokenState.Blacklisted)
                    {
                        toBlacklist.Add(token.Id);
                    }
                    else
                    {
                        unchanged++;
                    }
                }

                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                context.ChangeTracker.Clear();
                blacklisted += await Tokens.Where(t => toBlacklist.Contains(t.Id) && t.State == Outstanding)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, (int)ImportedRefreshTokenState.Blacklisted).SetProperty(t => t.ChangedAtMs, at), cancellationToken)
                    .ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new ImportedRefreshTokenCounts(added, blacklisted, unchanged);
        });

    public Task<int> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RunAsync(() =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            return Tokens.Where(t => t.ExpiresAtMs <= nowMs).OrderBy(t => t.ExpiresAtMs).Take(batchSize).ExecuteDeleteAsync(cancellationToken);
        });

    private Task<bool> LeaveOutstandingAsync(Guid tokenId, ImportedRefreshTokenState state, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var at = now.ToUnixTimeMilliseconds();
            var changed = await Tokens.Where(t => t.Id == tokenId && t.State == Outstanding)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.State, (int)state).SetProperty(t => t.ChangedAtMs, at), cancellationToken)
                .ConfigureAwait(false);
            return changed == 1;
        });

    private static Task<T> RunAsync<T>(Func<Task<T>> action) => DatabaseFailure.ReportUnavailableAsync(action);
}
