using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>
/// <c>/api/me/</c> cached on instance B while instance A changes the account, on one PostgreSQL
/// database: once B has heard the change, it never answers its cached copy again.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class CrossInstanceMeTests(PostgresServer postgres, ITestOutputHelper output)
{
    // Polling once a minute: only the notification can explain B hearing the change within the bound.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["JwtAuth:Revocation:CatchUpInterval"] = "00:01:00",
        ["JwtAuth:UpdateLastLogin"] = "true",
    };

    [SkippableFact]
    public async Task Disable_OnInstanceA_IsRefusedByInstanceB_WhichHadCachedMe_AndStaysRefused()
    {
        postgres.EnsureAvailable();
        var (a, b) = await StartPairAsync();
        await using var _ = a;
        await using var __ = b;
        await a.RegisterAsync("alice");
        var (access, _) = await a.LoginAsync("alice");
        using var clientB = b.CreateClient();
        (await clientB.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);
        (await clientB.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        using (var scope = a.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("alice", active: false))!.Succeeded.ShouldBeTrue();
        }

        var took = await PostgresInstances.WaitUntilAsync(
            async () => (await clientB.GetAsync("/api/me/", access)).Status != HttpStatusCode.OK,
            TimeSpan.FromSeconds(1),
            "instance B to stop answering me for the disabled user");
        output.WriteLine($"B refused me {took.TotalMilliseconds:F0} ms after the disable on A");
        for (var i = 0; i < 20; i++)
        {
            (await clientB.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [SkippableFact]
    public async Task Login_OnInstanceA_ShowsItsLastLoginOnInstanceB_WhichHadCachedMe_AndNeverTheCachedOneAgain()
    {
        postgres.EnsureAvailable();
        var (a, b) = await StartPairAsync();
        await using var _ = a;
        await using var __ = b;
        await a.RegisterAsync("alice");
        var (access, _) = await a.LoginAsync("alice");
        using var clientB = b.CreateClient();
        var cached = LastLogin(await clientB.GetAsync("/api/me/", access));
        LastLogin(await clientB.GetAsync("/api/me/", access)).ShouldBe(cached);

        a.Time.Advance(TimeSpan.FromMinutes(1));
        await a.LoginAsync("alice");

        // The token is still good: only the cache's copy can be old here.
        var took = await PostgresInstances.WaitUntilAsync(
            async () => LastLogin(await clientB.GetAsync("/api/me/", access)) != cached,
            TimeSpan.FromSeconds(1),
            "instance B to show the new last_login");
        output.WriteLine($"B showed the new last_login {took.TotalMilliseconds:F0} ms after the login on A");
        for (var i = 0; i < 20; i++)
        {
            LastLogin(await clientB.GetAsync("/api/me/", access)).ShouldBe(cached.AddMinutes(1), TimeSpan.FromMilliseconds(1));
        }
    }

    private static DateTimeOffset LastLogin(ApiResponse me)
    {
        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        return me.Json.GetProperty("last_login").GetDateTimeOffset();
    }

    private async Task<(TestServerHost A, TestServerHost B)> StartPairAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync("me");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = await PostgresInstances.StartAsync(connectionString, "a", time, Settings);
        var b = await PostgresInstances.StartAsync(connectionString, "b", time, Settings);
        await a.WaitUntilListeningAsync();
        await b.WaitUntilListeningAsync();
        return (a, b);
    }
}
