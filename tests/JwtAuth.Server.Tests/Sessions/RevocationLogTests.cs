using System.Diagnostics;
using JwtAuth.Revocation;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace JwtAuth.Server.Tests.Sessions;

/// <summary>How a node replays the shared revocation log: paging, late commits, and start-up.</summary>
public sealed class RevocationLogTests
{
    private static readonly TimeSpan CatchUpInterval = TimeSpan.FromMilliseconds(100);

    private static readonly Dictionary<string, string?> FastCatchUp = new()
    {
        ["JwtAuth:Revocation:CatchUpInterval"] = CatchUpInterval.ToString(),
        ["JwtAuth:Revocation:GapTimeout"] = "00:10:00",
    };

    [Fact]
    public async Task CatchUp_PagesThroughMoreThanOneBatch_AndAppliesALateCommitBelowTheNewestId()
    {
        await using var host = await TestServerHost.StartAsync(FastCatchUp);
        var registry = host.Services.GetRequiredService<RevocationRegistry>();
        var sync = host.Services.GetServices<IHostedService>().OfType<RevocationSync>().Single();
        var far = host.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();

        await InsertAsync(host, Enumerable.Range(1, 2_500).Select(id => (long)id), far);
        await WaitUntil(host, () => registry.SessionCount == 2_500);
        sync.Watermark.ShouldBe(2_500);

        // Ids are handed out before commit: 2502 can become visible before 2501.
        await InsertAsync(host, [2_502], far);
        await WaitUntil(host, () => registry.SessionCount == 2_501);
        sync.Watermark.ShouldBe(2_500);

        await InsertAsync(host, [2_501], far);
        await WaitUntil(host, () => registry.SessionCount == 2_502);
        sync.Watermark.ShouldBe(2_502);
    }

    [Fact]
    public async Task StartUp_LoadsTheLogPastPrunedIds_AndStillAppliesEntriesThatCommitBelowIt()
    {
        string path;
        await using (var first = await TestServerHost.StartAsync())
        {
            await InsertAsync(first, [1_000, 1_001, 1_003], first.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
            path = first.DatabasePath;
        }

        await using var second = await TestServerHost.StartAsync(FastCatchUp, databasePath: path);
        var registry = second.Services.GetRequiredService<RevocationRegistry>();
        registry.SessionCount.ShouldBe(3);

        // Below the first id read lies either the pruned log or a transaction still open: the ids
        // there are waited for like any gap, so one that commits now is applied.
        await InsertAsync(second, [999, 1_002], second.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds());
        await WaitUntil(second, () => registry.SessionCount == 5);
    }

    private static async Task InsertAsync(TestServerHost host, IEnumerable<long> ids, long expiresAt)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        foreach (var id in ids)
        {
            var subject = Guid.CreateVersion7().ToString("N");
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO jwtauth_revocations (Id, Kind, Subject, NotBefore, ExpiresAt, CreatedAtMs) VALUES ({id}, 0, {subject}, 0, {expiresAt}, 0)");
        }
    }

    /// <summary>Moves the host's (fake) clock on by one catch-up interval at a time, so its polling runs, until <paramref name="condition"/> holds.</summary>
    private static async Task WaitUntil(TestServerHost host, Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
            host.Time.Advance(CatchUpInterval);
            await Task.Delay(25);
        }
    }
}
