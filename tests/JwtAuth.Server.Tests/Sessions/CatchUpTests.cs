using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Sessions;

public sealed class CatchUpTests
{
    [Fact]
    public async Task TwoNodesOnOneDatabase_ARevocationOnOneReachesTheOtherAtItsNextCatchUp()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        var settings = new Dictionary<string, string?> { ["JwtAuth:Revocation:CatchUpInterval"] = interval.ToString() };
        await using var a = await TestServerHost.StartAsync(settings);
        await using var b = await TestServerHost.StartAsync(settings, databasePath: a.DatabasePath, time: a.Time);
        await a.RegisterAsync("alice");
        var (access, refresh) = await a.LoginAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        (await clientB.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        (await clientA.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        // SQLite has no notifications: B polls every catch-up interval of the (fake) clock, so the
        // test moves the clock on by one interval at a time until B refuses the token.
        var clock = Stopwatch.StartNew();
        while ((await clientB.GetAsync("/api/me/", access)).Status == HttpStatusCode.OK)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "node B never heard of the revocation");
            b.Time.Advance(interval);
            await Task.Delay(20);
        }
    }
}
