using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Sessions;

public sealed class RestartTests
{
    [Fact]
    public async Task Revocations_SurviveARestartOnTheSameDatabase()
    {
        var first = await TestServerHost.StartAsync();
        string loggedOut, loggedOutAll, alive;
        try
        {
            await first.RegisterAsync("alice");
            await first.RegisterAsync("bob");
            using var client = first.CreateClient();
            (loggedOut, var refresh) = await first.LoginAsync("alice");
            (await client.PostJsonAsync("/api/logout/", new { refresh }, loggedOut)).Status.ShouldBe(HttpStatusCode.ResetContent);
            (loggedOutAll, _) = await first.LoginAsync("bob");
            (alive, _) = await first.LoginAsync("alice");
            (await client.PostJsonAsync("/api/logout/all/", null, loggedOutAll)).Status.ShouldBe(HttpStatusCode.ResetContent);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await TestServerHost.StartAsync(databasePath: first.DatabasePath, time: first.Time);
        using var after = second.CreateClient();

        (await after.GetAsync("/api/me/", loggedOut)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.GetAsync("/api/me/", loggedOutAll)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await after.GetAsync("/api/me/", alive)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
