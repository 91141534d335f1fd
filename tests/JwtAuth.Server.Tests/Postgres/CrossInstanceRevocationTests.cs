using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>Two server instances on one PostgreSQL database, as behind a load balancer.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class CrossInstanceRevocationTests(PostgresServer postgres, ITestOutputHelper output)
{
    // Long enough that only a notification (or a reconnect) can explain a prompt refusal.
    private static readonly Dictionary<string, string?> NoPolling = new() { ["JwtAuth:Revocation:CatchUpInterval"] = "00:01:00" };

    [SkippableFact]
    public async Task Logout_OnInstanceA_IsRefusedByInstanceB_WithinOneSecond()
    {
        postgres.EnsureAvailable();
        var (a, b) = await StartPairAsync(NoPolling);
        await using var _ = a;
        await using var __ = b;
        await a.RegisterAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        var delays = new List<double>();
        for (var trial = 0; trial < 10; trial++)
        {
            var (access, refresh) = await a.LoginAsync("alice");
            (await clientB.GetAsync(TestServerHost.ProtectedPath, access)).Status.ShouldBe(HttpStatusCode.OK);

            var clock = Stopwatch.StartNew();
            (await clientA.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
            var logout = clock.Elapsed;
            await PostgresInstances.WaitUntilAsync(
                async () => (await clientB.GetAsync(TestServerHost.ProtectedPath, access)).Status == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(1),
                "instance B to refuse the access token");
            delays.Add((clock.Elapsed - logout).TotalMilliseconds);
        }

        delays.Sort();
        output.WriteLine($"B refused after logout on A returned: median {delays[delays.Count / 2]:F1} ms, max {delays[^1]:F1} ms over {delays.Count} trials");
    }

    [SkippableFact]
    public async Task ConcurrentRefresh_OfOneToken_AcrossInstances_HasExactlyOneWinner()
    {
        postgres.EnsureAvailable();
        var (a, b) = await StartPairAsync();
        await using var _ = a;
        await using var __ = b;
        await a.RegisterAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        for (var round = 0; round < 3; round++)
        {
            var (_, refresh) = await a.LoginAsync("alice");
            using var start = new ManualResetEventSlim();
            var requests = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await (i % 2 == 0 ? clientA : clientB).PostJsonAsync("/api/token/refresh/", new { refresh });
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(requests);

            responses.Count(r => r.Status == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", responses.Select(r => r.ToString())));
            responses.ShouldAllBe(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Unauthorized);
        }
    }

    [SkippableFact]
    public async Task ListenerKilled_RevocationWhileDisconnected_IsCaughtUpOnReconnect()
    {
        postgres.EnsureAvailable();
        // No polling to speak of: only the catch-up that every reconnection runs can explain B's refusal.
        var (a, b) = await StartPairAsync(new Dictionary<string, string?>(NoPolling)
        {
            ["JwtAuth:Revocation:Postgres:ReconnectDelay"] = "00:00:01",
        });
        await using var _ = a;
        await using var __ = b;
        var took = await LogoutOnAWhileBListensToNothingAsync(
            a,
            b,
            TimeSpan.FromSeconds(5),
            "instance B to catch up after reconnecting");

        output.WriteLine($"B refused {took.TotalMilliseconds:F0} ms after the logout (reconnect delay 1 s)");
        b.Listener().IsListening.ShouldBeTrue();
    }

    [SkippableFact]
    public async Task ListenerKilled_AndStayingDown_PollingCatchesUpWithinTheInterval()
    {
        postgres.EnsureAvailable();
        // The listener stays away for 30 s: only the periodic catch-up (default 2 s) is left.
        var (a, b) = await StartPairAsync(new Dictionary<string, string?>
        {
            ["JwtAuth:Revocation:Postgres:ReconnectDelay"] = "00:00:30",
            ["JwtAuth:Revocation:Postgres:MaxReconnectDelay"] = "00:00:30",
        });
        await using var _ = a;
        await using var __ = b;
        var took = await LogoutOnAWhileBListensToNothingAsync(
            a,
            b,
            // The catch-up interval, plus slack for a loaded machine: the bound the docs state.
            TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(2),
            "instance B to catch up by polling");

        output.WriteLine($"B refused {took.TotalMilliseconds:F0} ms after the logout without a listener (catch-up interval 2 s)");
        b.Listener().IsListening.ShouldBeFalse();
    }

    private async Task<(TestServerHost A, TestServerHost B)> StartPairAsync(IDictionary<string, string?>? settings = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync("instances");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // One after the other: A applies the migrations, B finds them applied.
        var a = await PostgresInstances.StartAsync(connectionString, "a", time, settings);
        var b = await PostgresInstances.StartAsync(connectionString, "b", time, settings);
        await a.WaitUntilListeningAsync();
        await b.WaitUntilListeningAsync();
        return (a, b);
    }

    /// <summary>Ends B's listening connection from the server side, as a network failure or an administrator would.</summary>
    /// <summary>Kills B's listener, logs out on A, and waits (up to <paramref name="limit"/>) until B refuses the access token.</summary>
    private async Task<TimeSpan> LogoutOnAWhileBListensToNothingAsync(TestServerHost a, TestServerHost b, TimeSpan limit, string what)
    {
        await a.RegisterAsync("alice");
        var (access, refresh) = await a.LoginAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        await KillListenerAsync(b);
        (await clientA.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        return await PostgresInstances.WaitUntilAsync(
            async () => (await clientB.GetAsync(TestServerHost.ProtectedPath, access)).Status == HttpStatusCode.Unauthorized,
            limit,
            what);
    }

    private async Task KillListenerAsync(TestServerHost host)
    {
        var name = host.Listener().ApplicationName;
        var killed = await postgres.ExecuteAsync("postgres", $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{name}'");
        Convert.ToInt64(killed, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(1);
        await PostgresInstances.WaitUntilAsync(() => Task.FromResult(!host.Listener().IsListening), TimeSpan.FromSeconds(5), "the listener to notice");
    }
}
