using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace JwtAuth.Server.Tests.Durability;

/// <summary>
/// What the server acknowledged survives <c>kill -9</c>: logouts and blacklists (session ends) and
/// refresh rotations, sent all at once so that a store that groups concurrent writes into one
/// transaction and one fsync puts them in shared batches, and the server SIGKILLed the moment the
/// last of them has answered 2xx. After a restart on the same database, every ended session's
/// refresh token (<c>POST /api/token/refresh/</c>) and access token (<c>GET /api/me/</c>) are
/// refused, every rotated-out refresh token is refused (verify, which changes nothing, for each; a real
/// refresh for every other one, since that reuse ends its session), and every refresh token and access
/// token a rotation answered works. An answer is a promise (docs/revocation.md: "This holds across crashes"): a store that
/// answered before its batch committed fails here.
///
/// Beside the wave, a few sessions rotate one refresh after the other until the kill, so that the
/// server is busy and a batch is open when the signal lands; what they were answered is held to the
/// same promise, and the one refresh each may have had in flight may have committed or not, but
/// never ends its session.
///
/// The server runs as a process (<see cref="ServerProcess"/>): only a process can be killed without
/// a shutdown, and only its database outlives it. Three rounds of different sizes, so that batches
/// of different sizes are hit; each round's ended sessions are checked again after later restarts,
/// and the sessions a round leaves alive are ended or rotated in the next (fewer logins, each of
/// which costs a password hash).
///
/// What SIGKILL of the server cannot show: a commit that reached the database but not the disk.
/// The SQLite file's writes are in the OS page cache and the PostgreSQL cluster (which runs with
/// <c>fsync=off</c> in these tests) is not killed; losing the fsync needs a power cut, not a kill.
/// </summary>
public abstract class KillAfterAcknowledgeTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>(session ends, rotations) sent together in each round: the size asked for, a middle one, a small one.</summary>
    private static readonly (int Ends, int Rotations)[] Rounds = [(32, 32), (20, 12), (5, 11)];

    /// <summary>Sessions that rotate back to back from the wave until the kill.</summary>
    private const int Chains = 4;

    private static readonly string[] Users = ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"];

    protected DurableDirectory Directory { get; } = new();

    protected abstract Task<DurableDatabase> DatabaseAsync();

    public void Dispose()
    {
        Directory.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task AcknowledgedSessionEndsAndRotations_SurviveKill9()
    {
        var clock = Stopwatch.StartNew();
        var database = await DatabaseAsync();
        DurableServer? server = await DurableServer.StartAsync(Directory.Path, database);
        var failures = new Failures();
        var endedBefore = new List<EndedSession>();
        var alive = new List<Tokens>();
        try
        {
            foreach (var user in Users)
            {
                await server.RegisterAsync(user);
            }

            for (var round = 1; round <= Rounds.Length; round++)
            {
                var (ends, rotations) = Rounds[round - 1];
                var roundClock = Stopwatch.StartNew();
                // The sessions that came through the last round alive go first; logins (a password hash each) make up the rest.
                var needed = ends + rotations + Chains;
                var reused = Math.Min(needed, alive.Count);
                var sessions = alive[..reused].Concat(await server.LoginManyAsync(Users, needed - reused)).ToList();
                var loginMs = roundClock.ElapsedMilliseconds;
                var (ended, rotated, chains, killDelay) = await WaveThenKillAsync(server, round, sessions[..ends], sessions[ends..(ends + rotations)], sessions[(ends + rotations)..], failures);
                var before = server.Process.Output;
                await server.DisposeAsync();
                server = null;

                var restart = Stopwatch.StartNew();
                server = await DurableServer.StartAsync(Directory.Path, database);
                var restartMs = restart.ElapsedMilliseconds;
                var checkedBefore = failures.Checked;
                alive = await CheckAfterRestartAsync(server, round, ended, rotated, chains, endedBefore, failures);
                endedBefore.AddRange(ended);
                output.WriteLine(
                    $"{database.Name}, round {round}: {ends} session ends + {rotations} rotations at once, {chains.Sum(c => c.Rotations)} chain rotations beside them " +
                    $"({chains.Count(c => c.InFlight)} in flight at the kill); SIGKILL {killDelay.TotalMilliseconds:F2} ms after the last 2xx; " +
                    $"{reused} sessions from the round before, {needed - reused} logins in {loginMs} ms, restart {restartMs} ms, {failures.Checked - checkedBefore} checks; round {roundClock.ElapsedMilliseconds} ms");
                failures.ShouldBeNone($"{database.Name}, round {round}\n--- server before the kill\n{before}\n--- server after the restart\n{server.Process.Output}");
            }
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        output.WriteLine($"{database.Name}: {failures.Checked} checks passed in {clock.ElapsedMilliseconds} ms");
    }

    /// <summary>
    /// Starts the chains, sends the ends (every other one a logout with bearer and refresh, the others a
    /// blacklist) and the rotations at once, SIGKILLs the server when the last has answered, and returns
    /// what was acknowledged.
    /// </summary>
    private static async Task<(List<EndedSession> Ended, List<RotatedSession> Rotated, List<Chain> Chains, TimeSpan KillDelay)> WaveThenKillAsync(
        DurableServer server, int round, List<Tokens> toEnd, List<Tokens> toRotate, List<Tokens> chainSessions, Failures failures)
    {
        await server.WarmUpConnectionsAsync(toEnd.Count + toRotate.Count + chainSessions.Count);
        var stop = 0;
        var chains = chainSessions.Select(tokens => new Chain(tokens)).ToList();
        var chainTasks = chains.Select(chain => Task.Run(() => chain.RunAsync(server, () => Volatile.Read(ref stop) == 1))).ToList();

        var requests = toEnd.Select((tokens, i) => (Func<Task<(ApiResponse Answer, long At)>>)(async () =>
            {
                var answer = i % 2 == 0 ? await server.LogoutAsync(tokens) : await server.BlacklistAsync(tokens.Refresh);
                return (answer, Stopwatch.GetTimestamp());
            }))
            .Concat(toRotate.Select(tokens => (Func<Task<(ApiResponse Answer, long At)>>)(async () => (await server.RefreshAsync(tokens.Refresh), Stopwatch.GetTimestamp()))))
            .ToList();
        var answers = await DurableServer.AllAtOnceAsync(requests);
        var lastAnswer = answers.Max(a => a.At);
        var killAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref stop, 1);
        await server.KillHardAsync();
        var killDelay = Stopwatch.GetElapsedTime(lastAnswer, killAt);
        await Task.WhenAll(chainTasks);

        var ended = new List<EndedSession>();
        for (var i = 0; i < toEnd.Count; i++)
        {
            var how = i % 2 == 0 ? "logout" : "blacklist";
            var answer = answers[i].Answer;
            var expected = i % 2 == 0 ? HttpStatusCode.ResetContent : HttpStatusCode.OK;
            failures.Expect(answer.Status == expected, () => $"round {round}: {how} #{i} answered {answer}, not {(int)expected}");
            if (answer.Status == expected)
            {
                ended.Add(new EndedSession(toEnd[i], round, $"{how} #{i} of round {round}"));
            }
        }

        var rotated = new List<RotatedSession>();
        for (var i = 0; i < toRotate.Count; i++)
        {
            var answer = answers[toEnd.Count + i].Answer;
            failures.Expect(answer.Status == HttpStatusCode.OK, () => $"round {round}: rotation #{i} answered {answer}, not 200");
            if (answer.Status == HttpStatusCode.OK)
            {
                rotated.Add(new RotatedSession(toRotate[i], new Tokens(answer.Field("access"), answer.Field("refresh")), $"rotation #{i} of round {round}"));
            }
        }

        foreach (var chain in chains)
        {
            failures.Expect(chain.Unexpected is null, () => $"round {round}: a chain's refresh was answered {chain.Unexpected} before the kill");
        }

        return (ended, rotated, chains, killDelay);
    }

    /// <summary>Checks everything acknowledged; returns the sessions left alive (with their newest tokens) for the next round.</summary>
    private static async Task<List<Tokens>> CheckAfterRestartAsync(
        DurableServer server, int round, List<EndedSession> ended, List<RotatedSession> rotated, List<Chain> chains, List<EndedSession> endedBefore, Failures failures)
    {
        // Session by session, eight at a time: the checks of one session in order, sessions side by side.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8 };

        // Session ends acknowledged before the kill, and those of earlier rounds again: both tokens refused.
        await Parallel.ForEachAsync(ended.Concat(endedBefore), parallel, async (end, _) =>
        {
            var me = await server.MeAsync(end.Tokens.Access);
            failures.Expect(me.Status == HttpStatusCode.Unauthorized, () => $"after restart {round}: {end.How} answered 2xx, but its access token got GET /api/me/ {me}");
            var refresh = await server.RefreshAsync(end.Tokens.Refresh);
            failures.Expect(IsRefused(refresh), () => $"after restart {round}: {end.How} answered 2xx, but its refresh token got {refresh}");
        });

        // Rotations acknowledged: the new tokens work (the refresh token is used for real: it rotates again), and
        // the rotated-out token is refused: verify (which changes nothing) for every one, and a real refresh for
        // every other one; that is reuse, which ends the session, so the others live on into the next round.
        var alive = new List<Tokens>();
        await Parallel.ForEachAsync(rotated.Select((rotation, i) => (rotation, i)), parallel, async (item, _) =>
        {
            var (rotation, i) = item;
            var me = await server.MeAsync(rotation.After.Access);
            failures.Expect(me.Status == HttpStatusCode.OK, () => $"after restart {round}: {rotation.How} answered 200, but its new access token got GET /api/me/ {me}");
            var next = await server.RefreshAsync(rotation.After.Refresh);
            failures.Expect(next.Status == HttpStatusCode.OK, () => $"after restart {round}: {rotation.How} answered 200, but its new refresh token got {next}");
            var verify = await server.VerifyAsync(rotation.Before.Refresh);
            failures.Expect(IsRefused(verify), () => $"after restart {round}: {rotation.How} answered 200, but verify of the rotated-out token got {verify}");
            if (i % 2 == 0)
            {
                var old = await server.RefreshAsync(rotation.Before.Refresh);
                failures.Expect(IsRefused(old), () => $"after restart {round}: {rotation.How} answered 200, but the rotated-out token refreshed: {old}");
            }
            else if (next.Status == HttpStatusCode.OK)
            {
                lock (alive)
                {
                    alive.Add(new Tokens(next.Field("access"), next.Field("refresh")));
                }
            }
        });

        await Parallel.ForEachAsync(chains.Select((chain, c) => (chain, c)), parallel, async (item, _) =>
        {
            var (chain, c) = item;
            var where = $"after restart {round}: chain {c} ({chain.Rotations} rotations answered{(chain.InFlight ? ", one in flight at the kill" : "")})";
            var me = await server.MeAsync(chain.Current.Access);
            failures.Expect(me.Status == HttpStatusCode.OK, () => $"{where}: its last access token got GET /api/me/ {me} (a rotation never ends a session)");
            for (var i = 0; i < chain.RotatedOut.Count; i++)
            {
                var index = i;
                var verify = await server.VerifyAsync(chain.RotatedOut[i]);
                failures.Expect(IsRefused(verify), () => $"{where}: its rotated-out token #{index} got verify {verify}");
            }

            if (!chain.InFlight)
            {
                var next = await server.RefreshAsync(chain.Current.Refresh);
                failures.Expect(next.Status == HttpStatusCode.OK, () => $"{where}: its last answered refresh token got {next}");
                if (next.Status == HttpStatusCode.OK)
                {
                    lock (alive)
                    {
                        alive.Add(new Tokens(next.Field("access"), next.Field("refresh")));
                    }
                }
            }
        });

        return alive;
    }

    private static bool IsRefused(ApiResponse response) =>
        response.Status == HttpStatusCode.Unauthorized && response.Code == "token_not_valid";

    private sealed record EndedSession(Tokens Tokens, int Round, string How);

    private sealed record RotatedSession(Tokens Before, Tokens After, string How);

    /// <summary>One session refreshed back to back: what was answered, and whether a refresh was cut off by the kill.</summary>
    private sealed class Chain(Tokens first)
    {
        public Tokens Current { get; private set; } = first;

        public List<string> RotatedOut { get; } = [];

        public int Rotations => RotatedOut.Count;

        public bool InFlight { get; private set; }

        public string? Unexpected { get; private set; }

        public async Task RunAsync(DurableServer server, Func<bool> stopped)
        {
            while (!stopped())
            {
                ApiResponse answer;
                try
                {
                    answer = await server.RefreshAsync(Current.Refresh);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    if (stopped())
                    {
                        // Cut off by the kill (or sent after it): committed or not, nobody was told.
                        InFlight = true;
                    }
                    else
                    {
                        Unexpected = exception.Message;
                    }

                    return;
                }

                if (answer.Status != HttpStatusCode.OK)
                {
                    Unexpected = answer.ToString();
                    return;
                }

                RotatedOut.Add(Current.Refresh);
                Current = new Tokens(answer.Field("access"), answer.Field("refresh"));
            }
        }
    }
}

/// <summary><see cref="KillAfterAcknowledgeTests"/> on a SQLite file (WAL, the server's default provider).</summary>
[Collection(DurabilityGroup.Name)]
public sealed class SqliteKillAfterAcknowledgeTests(ITestOutputHelper output) : KillAfterAcknowledgeTests(output)
{
    protected override Task<DurableDatabase> DatabaseAsync() => Task.FromResult(Directory.Sqlite());
}

/// <summary><see cref="KillAfterAcknowledgeTests"/> on a new database of the test PostgreSQL cluster.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresKillAfterAcknowledgeTests(PostgresServer postgres, ITestOutputHelper output) : KillAfterAcknowledgeTests(output)
{
    protected override async Task<DurableDatabase> DatabaseAsync()
    {
        postgres.EnsureAvailable();
        return new DurableDatabase("Postgres", await postgres.CreateDatabaseAsync("killed"), "PostgreSQL");
    }
}
