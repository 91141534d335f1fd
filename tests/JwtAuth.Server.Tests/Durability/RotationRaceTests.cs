using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace JwtAuth.Server.Tests.Durability;

/// <summary>
/// Concurrent refreshes of one refresh token against the built server: exactly one rotation wins.
///
/// Why the server as a process (<see cref="ServerProcess"/>) and not the in-process
/// <see cref="TestServerHost"/>: both use the real SQLite file or PostgreSQL database, but the
/// in-process host runs on a <c>FakeTimeProvider</c> that stands still (every racer would rotate at
/// the same instant, which hides nothing but is not how a server runs) and its TestServer hands each
/// request to the app without sockets. The process gets the requests through Kestrel on real
/// connections (opened before the race, so they arrive together), runs them on its own thread pool
/// with the real clock, and is the same binary a deployment runs; whatever the session store does to
/// group concurrent writes (one transaction and one fsync for many rotations) it does here as in
/// production.
///
/// What is asserted is what <c>API.md</c> and <c>docs/revocation.md</c> say, at the server's
/// defaults (rotation on, blacklist after rotation, <c>RefreshReuseGracePeriod</c> 0): of concurrent
/// refreshes of one token exactly one succeeds (200, with a new refresh token); every other one
/// presents an already-consumed token, which is reuse: 401 <c>token_not_valid</c> "Token is
/// blacklisted", and the whole session is revoked, so the winner's new refresh token and its access
/// token are refused afterwards too.
/// </summary>
public abstract class RotationRaceTests(ITestOutputHelper output) : IDisposable
{
    private const int Racers = 100;

    protected DurableDirectory Directory { get; } = new();

    protected abstract Task<DurableDatabase> DatabaseAsync();

    public void Dispose()
    {
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task HundredConcurrentRefreshes_OfOneToken_ExactlyOneWins_TheReuseEndsTheSession()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await DurableServer.StartAsync(Directory.Path, await DatabaseAsync());
        await server.RegisterAsync("alice");
        var login = await server.LoginAsync("alice");
        await server.WarmUpConnectionsAsync(Racers);

        var race = Stopwatch.StartNew();
        var responses = await DurableServer.AllAtOnceAsync(Enumerable.Range(0, Racers).Select(_ => (Func<Task<ApiResponse>>)(() => server.RefreshAsync(login.Refresh))).ToList());
        race.Stop();
        var report = $"{server.Database.Name}: {DurableServer.Tally(responses)}\n--- server\n{server.Process.Output}";
        output.WriteLine($"{server.Database.Name}: {Racers} refreshes of one token in {race.ElapsedMilliseconds} ms: {DurableServer.Tally(responses)}");

        var winners = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        winners.Count.ShouldBe(1, report);
        var winner = new Tokens(winners[0].Field("access"), winners[0].Field("refresh"));
        winner.Refresh.ShouldNotBe(login.Refresh);
        foreach (var loser in responses.Where(r => r.Status != HttpStatusCode.OK))
        {
            ShouldBeBlacklisted(loser, report);
        }

        // Reuse revoked the session: the winner's tokens die with it, and the login's access token too.
        ShouldBeBlacklisted(await server.RefreshAsync(winner.Refresh), "the winner's new refresh token after the reuse");
        (await server.MeAsync(winner.Access)).Status.ShouldBe(HttpStatusCode.Unauthorized, "the winner's access token after the reuse");
        (await server.MeAsync(login.Access)).Status.ShouldBe(HttpStatusCode.Unauthorized, "the login's access token after the reuse");
        output.WriteLine($"test took {clock.ElapsedMilliseconds} ms");
    }

    [SkippableFact]
    public async Task HundredConcurrentRefreshes_OverTwentySessions_ExactlyOneWinnerPerToken()
    {
        const int sessions = 20;
        const int racersPerToken = Racers / sessions;
        var clock = Stopwatch.StartNew();
        await using var server = await DurableServer.StartAsync(Directory.Path, await DatabaseAsync());
        string[] users = ["alice", "bob", "carol", "dave"];
        foreach (var user in users)
        {
            await server.RegisterAsync(user);
        }

        var logins = await server.LoginManyAsync(users, sessions);
        await server.WarmUpConnectionsAsync(Racers);

        // Racers interleaved (token 0, 1, ..., 19, 0, 1, ...), so that each token's racers are spread over the whole burst.
        var race = Stopwatch.StartNew();
        var responses = await DurableServer.AllAtOnceAsync(Enumerable.Range(0, Racers)
            .Select(i => (Func<Task<(int Session, ApiResponse Response)>>)(async () => (i % sessions, await server.RefreshAsync(logins[i % sessions].Refresh))))
            .ToList());
        race.Stop();
        var all = responses.Select(r => r.Response).ToList();
        var report = $"{server.Database.Name}: {DurableServer.Tally(all)}\n--- server\n{server.Process.Output}";
        output.WriteLine($"{server.Database.Name}: {Racers} refreshes of {sessions} tokens ({racersPerToken} each) in {race.ElapsedMilliseconds} ms: {DurableServer.Tally(all)}");

        var failures = new Failures();
        var winners = new List<Tokens>();
        foreach (var group in responses.GroupBy(r => r.Session).OrderBy(g => g.Key))
        {
            var answers = group.Select(r => r.Response).ToList();
            answers.Count.ShouldBe(racersPerToken);
            var won = answers.Where(r => r.Status == HttpStatusCode.OK).ToList();
            failures.Expect(won.Count == 1, () => $"session {group.Key}: {won.Count} winners of {racersPerToken}: {DurableServer.Tally(answers)}");
            failures.Expect(answers.Where(r => r.Status != HttpStatusCode.OK).All(IsBlacklisted), () => $"session {group.Key}: a loser was not 401 'Token is blacklisted': {DurableServer.Tally(answers)}");
            if (won.Count == 1)
            {
                winners.Add(new Tokens(won[0].Field("access"), won[0].Field("refresh")));
            }
        }

        failures.ShouldBeNone(report);
        // Each session saw reuse (its losers) and is revoked: its winner's tokens are refused too.
        foreach (var winner in winners)
        {
            var refresh = await server.RefreshAsync(winner.Refresh);
            failures.Expect(IsBlacklisted(refresh), () => $"a winner's new refresh token after its session's reuse: {refresh}");
            var me = await server.MeAsync(winner.Access);
            failures.Expect(me.Status == HttpStatusCode.Unauthorized, () => $"a winner's access token after its session's reuse: {me}");
        }

        failures.ShouldBeNone(report);
        output.WriteLine($"test took {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// With a grace period the repeats of one rotation are not reuse: whatever each racer is answered,
    /// the token forks into at most one successor (every 200 carries the same refresh token) and the
    /// session lives on: that successor refreshes, its access token is accepted.
    /// </summary>
    [SkippableFact]
    public async Task HundredConcurrentRefreshes_WithAGracePeriod_OneSuccessor_TheSessionLives()
    {
        var clock = Stopwatch.StartNew();
        await using var server = await DurableServer.StartAsync(Directory.Path, await DatabaseAsync(), new Dictionary<string, string?>
        {
            ["JwtAuth__RefreshReuseGracePeriod"] = "00:01:00",
        });
        await server.RegisterAsync("alice");
        var login = await server.LoginAsync("alice");
        await server.WarmUpConnectionsAsync(Racers);

        var race = Stopwatch.StartNew();
        var responses = await DurableServer.AllAtOnceAsync(Enumerable.Range(0, Racers).Select(_ => (Func<Task<ApiResponse>>)(() => server.RefreshAsync(login.Refresh))).ToList());
        race.Stop();
        var report = $"{server.Database.Name}: {DurableServer.Tally(responses)}\n--- server\n{server.Process.Output}";
        output.WriteLine($"{server.Database.Name}, grace 1 min: {Racers} refreshes of one token in {race.ElapsedMilliseconds} ms: {DurableServer.Tally(responses)}");

        var successes = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        successes.ShouldNotBeEmpty(report);
        var successors = successes.Select(r => r.Field("refresh")).Distinct().ToList();
        successors.Count.ShouldBe(1, report);
        responses.Where(r => r.Status != HttpStatusCode.OK).ShouldAllBe(r => r.Status == HttpStatusCode.Unauthorized && r.Code == "token_not_valid", report);
        successors[0].ShouldNotBe(login.Refresh);

        foreach (var success in successes)
        {
            (await server.MeAsync(success.Field("access"))).Status.ShouldBe(HttpStatusCode.OK, "an access token answered in the race");
        }

        var next = await server.RefreshAsync(successors[0]);
        next.Status.ShouldBe(HttpStatusCode.OK, $"the one successor refreshes: {next}\n{report}");
        (await server.MeAsync(next.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
        output.WriteLine($"test took {clock.ElapsedMilliseconds} ms");
    }

    private static bool IsBlacklisted(ApiResponse response) =>
        response.Status == HttpStatusCode.Unauthorized && response.Code == "token_not_valid" && response.Detail == "Token is blacklisted";

    private static void ShouldBeBlacklisted(ApiResponse response, string report)
    {
        response.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{response}\n{report}");
        response.Code.ShouldBe("token_not_valid", $"{response}\n{report}");
        response.Detail.ShouldBe("Token is blacklisted", $"{response}\n{report}");
    }
}

/// <summary><see cref="RotationRaceTests"/> on a SQLite file (WAL, the server's default provider).</summary>
[Collection(DurabilityGroup.Name)]
public sealed class SqliteRotationRaceTests(ITestOutputHelper output) : RotationRaceTests(output)
{
    protected override Task<DurableDatabase> DatabaseAsync() => Task.FromResult(Directory.Sqlite());
}

/// <summary><see cref="RotationRaceTests"/> on a new database of the test PostgreSQL cluster.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresRotationRaceTests(PostgresServer postgres, ITestOutputHelper output) : RotationRaceTests(output)
{
    protected override async Task<DurableDatabase> DatabaseAsync()
    {
        postgres.EnsureAvailable();
        return new DurableDatabase("Postgres", await postgres.CreateDatabaseAsync("race"), "PostgreSQL");
    }
}
