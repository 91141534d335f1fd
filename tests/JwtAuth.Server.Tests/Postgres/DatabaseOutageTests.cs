using System.Collections.Concurrent;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>PostgreSQL stopped and started again under two instances that keep serving.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres, ITestOutputHelper output)
{
    private const string ProblemJson = "application/problem+json";

    [SkippableFact]
    public async Task DatabaseRestart_UnderLoad_AuthenticatesFromMemory_Answers503ForWrites_AndRecovers()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("outage");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // No periodic polling: after the outage, revocations must travel by the reconnected listener.
        var settings = new Dictionary<string, string?> { ["JwtAuth:Revocation:CatchUpInterval"] = "00:01:00" };
        await using var a = await PostgresInstances.StartAsync(connectionString, "a", time, settings);
        await using var b = await PostgresInstances.StartAsync(connectionString, "b", time, settings);
        await a.WaitUntilListeningAsync();
        await b.WaitUntilListeningAsync();
        await a.RegisterAsync("alice");
        await a.RegisterAsync("bob");
        var alice = await a.LoginAsync("alice");
        var bob = await b.LoginAsync("bob");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        using var stopLoad = new CancellationTokenSource();
        var reads = new ConcurrentBag<HttpStatusCode>();
        var writes = new ConcurrentBag<ApiResponse>();
        var readers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var client = i % 2 == 0 ? clientA : clientB;
            while (!stopLoad.IsCancellationRequested)
            {
                reads.Add((await client.GetAsync(TestServerHost.ProtectedPath, alice.Access)).Status);
                await Task.Delay(2);
            }
        })).ToList();
        var writer = Task.Run(async () =>
        {
            var i = 0;
            while (!stopLoad.IsCancellationRequested)
            {
                var client = i++ % 2 == 0 ? clientA : clientB;
                writes.Add(await client.PostJsonAsync("/api/token/", new { username = "bob", password = "password-1234" }));
                await Task.Delay(20);
            }
        });

        await Task.Delay(500);
        await postgres.StopAsync();
        try
        {
            foreach (var client in new[] { clientA, clientB })
            {
                var login = await client.PostJsonAsync("/api/token/", new { username = "alice", password = "password-1234" });
                ShouldBeUnavailable(login);
                ShouldBeUnavailable(await client.PostJsonAsync("/api/token/refresh/", new { refresh = alice.Refresh }));
                ShouldBeUnavailable(await client.PostJsonAsync("/api/logout/", new { refresh = bob.Refresh }, bob.Access));
                ShouldBeUnavailable(await client.GetAsync("/api/me/", alice.Access));
                (await client.GetAsync(TestServerHost.ProtectedPath, alice.Access)).Status.ShouldBe(HttpStatusCode.OK);
            }

            await Task.Delay(1000);
        }
        finally
        {
            await postgres.StartAsync();
        }

        // Everything comes back without help: new logins on both instances.
        foreach (var client in new[] { clientA, clientB })
        {
            var took = await PostgresInstances.WaitUntilAsync(
                async () => (await client.PostJsonAsync("/api/token/", new { username = "alice", password = "password-1234" })).Status == HttpStatusCode.OK,
                TimeSpan.FromSeconds(20),
                "logins to work again");
            output.WriteLine($"login works again {took.TotalMilliseconds:F0} ms after the database started");
        }

        await stopLoad.CancelAsync();
        await Task.WhenAll(readers.Append(writer));

        // Revocations travel again, by notification.
        await a.WaitUntilListeningAsync(TimeSpan.FromSeconds(10));
        await b.WaitUntilListeningAsync(TimeSpan.FromSeconds(10));
        (await clientA.PostJsonAsync("/api/logout/", new { refresh = alice.Refresh }, alice.Access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        await PostgresInstances.WaitUntilAsync(
            async () => (await clientB.GetAsync(TestServerHost.ProtectedPath, alice.Access)).Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(1),
            "instance B to refuse after the restart");

        output.WriteLine($"reads: {string.Join(", ", reads.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"))}; "
            + $"writes: {string.Join(", ", writes.GroupBy(r => r.Status).Select(g => $"{(int)g.Key}×{g.Count()}"))}");
        reads.ShouldAllBe(status => status == HttpStatusCode.OK);
        writes.ShouldContain(r => r.Status == HttpStatusCode.ServiceUnavailable);
        foreach (var response in writes.Where(r => r.Status != HttpStatusCode.OK))
        {
            ShouldBeUnavailable(response);
        }
    }

    private static void ShouldBeUnavailable(ApiResponse response)
    {
        response.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, response.ToString());
        response.ContentType.ShouldBe(ProblemJson);
        response.Code.ShouldBe("service_unavailable");
        response.Detail.ShouldBe("The token database is unavailable; try again shortly.");
    }
}
