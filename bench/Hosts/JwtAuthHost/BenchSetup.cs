using System.Globalization;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Bench.Hosts;

/// <summary>What the benchmark needs before and after the host starts: a populated revocation log and a token.</summary>
internal static class BenchSetup
{
    /// <summary>The user the load token belongs to.</summary>
    public const string UserId = "42";

    /// <summary>
    /// Creates the database and writes <paramref name="sessions"/> session revocations and
    /// <paramref name="users"/> user cut-offs to the revocation log, so that the registry the
    /// handler consults is not empty. One cut-off is for <see cref="UserId"/> itself, a minute
    /// before the load token is issued: every request then finds its user in the registry and
    /// compares times, the slower of the two lookups, and is still accepted.
    /// </summary>
    public static async Task SeedRevocationLogAsync(IServiceProvider services, int sessions, int users, DateTimeOffset now)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        await db.Database.EnsureDeletedAsync().ConfigureAwait(false);
        await db.Database.EnsureCreatedAsync().ConfigureAwait(false);

        var nowSeconds = now.ToUnixTimeSeconds();
        var expiresAt = now.AddDays(1).ToUnixTimeSeconds();
        var log = db.Set<RevocationEntity>();
        for (var i = 0; i < sessions; i++)
        {
            log.Add(new RevocationEntity
            {
                Kind = (int)RevocationKind.Session,
                Subject = JwtAuthIds.Format(Guid.CreateVersion7(now)),
                ExpiresAt = expiresAt,
                CreatedAtMs = now.ToUnixTimeMilliseconds(),
            });
        }

        for (var i = 0; i < users; i++)
        {
            log.Add(new RevocationEntity
            {
                Kind = (int)RevocationKind.User,
                Subject = i == 0 ? UserId : "revoked-user-" + i.ToString(CultureInfo.InvariantCulture),
                NotBefore = nowSeconds - 60,
                ExpiresAt = expiresAt,
                CreatedAtMs = now.ToUnixTimeMilliseconds(),
            });
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Issues the load token (a real access token of a live session), and writes it with its kid
    /// and the registry's size to <paramref name="path"/>; the file's appearance tells the script
    /// that the host is ready.
    /// </summary>
    public static void WriteReadyFile(IServiceProvider services, string path, DateTimeOffset now)
    {
        var tokens = services.GetRequiredService<TokenServices>();
        var registry = services.GetRequiredService<RevocationRegistry>();
        var token = tokens.Issuer.Issue(new TokenRequest
        {
            Type = TokenType.Access,
            UserId = UserId,
            SessionId = Guid.CreateVersion7(now),
            IssuedAt = now,
            ExpiresAt = now.AddHours(1),
        });

        var lines = new[]
        {
            token.Token,
            tokens.Keys.KeyId,
            string.Create(CultureInfo.InvariantCulture, $"{registry.SessionCount} revoked sessions, {registry.UserCount} user cut-offs in the registry"),
        };
        var partial = path + ".partial";
        File.WriteAllLines(partial, lines);
        File.Move(partial, path, overwrite: true);
    }
}
