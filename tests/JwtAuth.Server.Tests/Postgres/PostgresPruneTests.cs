using System.Net;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>Expired rows go on PostgreSQL too: by <c>flushexpiredtokens</c>' store call and by the background timer.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresPruneTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Prune_OnPostgres_DeletesInBatches_OnlyWhatHasExpired()
    {
        postgres.EnsureAvailable();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await PostgresInstances.StartAsync(await postgres.CreateDatabaseAsync("prune"), "p", time);
        await host.RegisterAsync("alice");
        await LoginAndLogoutAsync(host, times: 3);
        var keep = await host.LoginAsync("alice");
        (await CountsAsync(host)).ShouldBe((4, 4, 3));

        using var scope = host.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        // Only the revocations are past their retention (the longest bearer lifetime) an hour later.
        (await store.PruneAsync(time.GetUtcNow().AddHours(1), 2, default)).ShouldBe(new PruneResult(0, 0, 2));
        (await store.PruneAsync(time.GetUtcNow().AddHours(1), 2, default)).ShouldBe(new PruneResult(0, 0, 1));
        (await CountsAsync(host)).ShouldBe((4, 4, 0));

        // Past the refresh lifetime and the session lifetime everything can go, a batch at a time.
        var later = time.GetUtcNow().AddDays(31);
        (await store.PruneAsync(later, 3, default)).ShouldBe(new PruneResult(3, 3, 0));
        (await store.PruneAsync(later, 3, default)).ShouldBe(new PruneResult(1, 1, 0));
        (await store.PruneAsync(later, 3, default)).ShouldBe(new PruneResult(0, 0, 0));
        (await CountsAsync(host)).ShouldBe((0, 0, 0));
        keep.Access.ShouldNotBeEmpty();
    }

    [SkippableFact]
    public async Task BackgroundPrune_OnPostgres_RemovesExpiredRevocationLogRows()
    {
        postgres.EnsureAvailable();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await PostgresInstances.StartAsync(await postgres.CreateDatabaseAsync("prune"), "p", time, new Dictionary<string, string?>
        {
            ["JwtAuth:Revocation:CatchUpInterval"] = "00:00:00.100",
            ["JwtAuth:Revocation:PruneInterval"] = "00:10:00",
        });
        await host.RegisterAsync("alice");
        await LoginAndLogoutAsync(host, times: 2);
        (await CountsAsync(host)).Revocations.ShouldBe(2);

        time.Advance(TimeSpan.FromHours(1));
        await PostgresInstances.WaitUntilAsync(async () => (await CountsAsync(host)).Revocations == 0, TimeSpan.FromSeconds(5), "the background prune");
    }

    private static async Task LoginAndLogoutAsync(TestServerHost host, int times)
    {
        using var client = host.CreateClient();
        for (var i = 0; i < times; i++)
        {
            var (access, refresh) = await host.LoginAsync("alice");
            (await client.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        }
    }

    private static async Task<(int Tokens, int Sessions, int Revocations)> CountsAsync(TestServerHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        return (await db.Set<RefreshTokenEntity>().CountAsync(), await db.Set<SessionEntity>().CountAsync(), await db.Set<RevocationEntity>().CountAsync());
    }
}
