using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Sessions;

public sealed class CatchUpTests
{
    [Fact]
    public async Task TwoNodesOnOneDatabase_ARevocationOnOneReachesTheOtherWithinTheCatchUpInterval()
    {
        var settings = new Dictionary<string, string?> { ["JwtAuth:Revocation:CatchUpInterval"] = "00:00:00.200" };
        await using var a = await TestServerHost.StartAsync(settings);
        await using var b = await TestServerHost.StartAsync(settings, databasePath: a.DatabasePath, time: a.Time);
        await a.RegisterAsync("alice");
        var (access, refresh) = await a.LoginAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        (await clientB.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        (await clientA.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        var clock = Stopwatch.StartNew();
        while ((await clientB.GetAsync("/api/me/", access)).Status == HttpStatusCode.OK)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "node B never heard of the revocation");
            await Task.Delay(20);
        }

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }
}
