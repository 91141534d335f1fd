using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using JwtAuth.Fuzz;

// A bounded hostile-input fuzzer for a running JwtAuth server (docs/fuzz.md). It starts nothing:
// tests/fuzz/run.sh starts the server, registers and logs in two users, and hands over the tokens.
//   JwtAuth.Fuzz [BASE_URL] [--seed N] [--time-limit SECONDS] [--parallelism N] [--only CATEGORY,...] [--log FILE] [--plan FILE]
//   env: FUZZ_BASE_URL, FUZZ_SEED, FUZZ_TIME_LIMIT, FUZZ_PARALLELISM, FUZZ_ONLY (token, body, header, framing; controls always run), FUZZ_LOG (one line per request), FUZZ_PLAN (write the plan, send nothing),
//        FUZZ_USER_1, FUZZ_ACCESS_1, FUZZ_REFRESH_1, FUZZ_USER_2, FUZZ_PASSWORD_2, FUZZ_ACCESS_2, FUZZ_REFRESH_2,
//        FUZZ_SIGNING_KEY (optional: adds tokens signed with the server's key that break a rule)

const int DefaultSeed = 20261125;
var options = ReadOptions(args);
if (options is null)
{
    return 2;
}

var (baseUri, seed, timeLimit, parallelism, only, log, plan, runGenuine) = options.Value;
using var handler = new SocketsHttpHandler
{
    AllowAutoRedirect = false,
    UseCookies = false,
    UseProxy = false,
    ConnectTimeout = TimeSpan.FromSeconds(5),
    MaxConnectionsPerServer = parallelism * 2,
    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
};
using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
// Sessions of the second user for the targets where an accepted forgery has side effects.
var targetSessions = new List<(string Access, string Refresh)>();
foreach (var target in new[] { "logout", "refresh", "blacklist" })
{
    var session = await SecondUserSession.LogInAsync(baseUri, client, runGenuine, "jwtauth-fuzz target " + target);
    if (session is null)
    {
        Console.Error.WriteLine($"could not log {runGenuine.User2} in for the {target} target");
        return 2;
    }

    targetSessions.Add(session.Value);
}

var genuine = runGenuine with
{
    LogoutAccess = targetSessions[0].Access, RefreshTarget = targetSessions[1].Refresh, BlacklistTarget = targetSessions[2].Refresh,
};
using var secondUser = new SecondUserSession(baseUri, client, genuine);
var runner = new Runner(baseUri, client, secondUser);
var host = $"{baseUri.Host}:{baseUri.Port}";

// Every generator has its own sequence from the seed, so a change in one does not move the others.
var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
var tokenCases = new TokenCases(new Random(seed), genuine, now);
var tokens = tokenCases.Build(randomPerTarget: 560);
var phases = new List<(string Name, List<FuzzCase> Cases, int Parallelism)>
{
    ("controls before", Controls("before"), 1),
    ("tokens", tokens.Where(c => !c.Ordered).ToList(), parallelism),
    ("tokens on logout/refresh/blacklist", tokens.Where(c => c.Ordered).ToList(), 1),
    ("headers", new HeaderCases(new Random(seed + 1), genuine, tokenCases, host).Build(mutatedTokenHeaders: 900), parallelism),
    ("sessions with odd user agents", [SessionsOfSecondUser()], 1),
    ("bodies", new BodyCases(new Random(seed + 2), genuine).Build(perEndpoint: 420, perHashingEndpoint: 260), parallelism),
    // Most framing cases wait on the server (held bodies, stalls of 5 s and more): many at once.
    ("framing", new FramingCases(new Random(seed + 3), genuine, host).Build(garbagePerEndpoint: 12), Math.Max(parallelism, 24)),
    ("controls after", Controls("after"), 1),
};

// The digest covers the whole plan, so runs with the same seed can be compared even when filtered.
var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
    phases.SelectMany(p => p.Cases).Select(c => $"{c.Category}|{c.Kind}|{c.Label}|{c.Expect}"))))).ToLowerInvariant()[..16];
if (plan is not null)
{
    // The plan alone: what this seed sends, one line a request, for comparing two runs of a seed.
    await File.WriteAllLinesAsync(plan, phases.SelectMany(p => p.Cases).Select(c => $"{c.Category}\t{c.Kind}\t{c.Expect}\t{c.Label}"));
    Console.WriteLine($"fuzz: seed {seed}, {phases.Sum(p => p.Cases.Count)} requests planned (plan {digest}), written to {plan}; nothing sent");
    return 0;
}

if (only is not null)
{
    phases = phases.Select(p => (p.Name, p.Cases.Where(c => c.Category == "control" || only.Contains(c.Category)).ToList(), p.Parallelism)).ToList();
}

var planned = phases.Sum(p => p.Cases.Count);
Console.WriteLine($"fuzz: seed {seed}, {planned} requests planned (plan {digest}{(only is null ? "" : ", only " + string.Join(",", only))}), against {baseUri}, time limit {timeLimit.TotalSeconds:0} s, parallelism {parallelism}, server key {(genuine.SigningKey is null ? "not given (no server-key tokens)" : "given")}");

var started = Stopwatch.StartNew();
var deadline = DateTimeOffset.UtcNow + timeLimit;
var results = new List<Result>();
foreach (var (name, cases, phaseParallelism) in phases)
{
    var watch = Stopwatch.StartNew();
    // The closing controls run whatever the time: they say whether the run kept its footing.
    var phaseDeadline = name == "controls after" ? DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60) : deadline;
    var phaseResults = await runner.RunAsync(cases, phaseParallelism, phaseDeadline);
    results.AddRange(phaseResults);
    Console.WriteLine($"  phase {name,-36} {cases.Count,6} requests {watch.Elapsed.TotalSeconds,7:0.0} s, {phaseResults.Count(r => r.Failure is not null),5} failing");
}

Report(results, secondUser, started.Elapsed);
if (log is not null)
{
    await File.WriteAllLinesAsync(log, results.Select(r => $"{(r.Failure is null ? "ok  " : "FAIL")}\t{Answer(r)}\t{r.Case.Kind}\t{r.Case.Expect}\t{r.Case.Label}"));
    Console.WriteLine($"every request and its answer: {log}");
}

var failedCount = results.Count(r => r.Failure is not null) + secondUser.Failures.Count;
var passedCount = results.Count(r => r.Failure is null);
Console.WriteLine($"fuzz: {passedCount} passed, {failedCount} failed");
return failedCount > 0 ? 1 : 0;

List<FuzzCase> Controls(string when)
{
    FuzzCase Control(string label, HttpSpec spec) => new()
    {
        Category = "control", Kind = "control/genuine", Label = $"{label} ({when})", Expect = Expect.Accepted, Http = spec,
    };
    static HttpSpec Verify(string token) => new("POST", "/api/token/verify/", [], JsonText.Utf8(JsonText.Object([("token", JsonText.Quote(token))])), "application/json");
    return
    [
        Control("GET /api/me/ with the first user's genuine access token", new HttpSpec("GET", "/api/me/", [new("Authorization", "Bearer " + genuine.Access1)])),
        Control("GET /api/sessions/ with the first user's genuine access token", new HttpSpec("GET", "/api/sessions/", [new("Authorization", "Bearer " + genuine.Access1)])),
        Control("POST /api/token/verify/ the first user's genuine access token", Verify(genuine.Access1)),
        Control("POST /api/token/verify/ the first user's genuine refresh token", Verify(genuine.Refresh1)),
    ];
}

FuzzCase SessionsOfSecondUser() => new()
{
    Category = "control", Kind = "control/genuine",
    Label = "GET /api/sessions/ as the second user (lists the sessions logged in with odd User-Agent values)",
    Expect = Expect.Accepted,
    Http = new HttpSpec("GET", "/api/sessions/", [], Bearer: BearerSource.SecondUser),
};

static void Report(List<Result> results, SecondUserSession secondUser, TimeSpan elapsed)
{
    Console.WriteLine();
    Console.WriteLine($"requests sent: {results.Count(r => r.Sent)} in {elapsed.TotalSeconds:0.0} s (and {secondUser.Logins} logins of the second user to renew its session)");
    Console.WriteLine("by category:     sent      ok  failing");
    foreach (var group in results.GroupBy(r => r.Case.Category))
    {
        Console.WriteLine($"  {group.Key,-10} {group.Count(r => r.Sent),8} {group.Count(r => r.Failure is null),7} {group.Count(r => r.Failure is not null),8}");
    }

    Console.WriteLine("by kind:");
    foreach (var group in results.GroupBy(r => r.Case.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var answers = string.Join(" ", group.GroupBy(r => Answer(r)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}×{a.Count()}"));
        Console.WriteLine($"  {group.Key,-28} {group.Count(),6}  {group.Count(r => r.Failure is not null),4} failing   {answers}");
    }

    var failures = results.Where(r => r.Failure is not null).ToList();
    Console.WriteLine();
    Console.WriteLine($"failures: {failures.Count + secondUser.Failures.Count}");
    foreach (var failure in secondUser.Failures)
    {
        Console.WriteLine("  set-up: " + failure);
    }

    for (var i = 0; i < failures.Count; i++)
    {
        var (fuzzCase, outcome, reason) = (failures[i].Case, failures[i].Outcome, failures[i].Failure);
        if (i < 20)
        {
            Console.WriteLine($"--- failure {i + 1} [{fuzzCase.Kind}] {fuzzCase.Label}");
            Console.WriteLine($"    check: {reason}");
            if (fuzzCase.Note is not null)
            {
                Console.WriteLine($"    note: {fuzzCase.Note}");
            }

            Console.WriteLine("    request:");
            Console.WriteLine(Indent(fuzzCase.Describe()));
            Console.WriteLine("    answer:");
            Console.WriteLine(Indent(outcome is null ? "(not sent)" : (outcome.Error is null ? "" : $"[{outcome.Error}]\n") + outcome.Excerpt));
        }
        else
        {
            Console.WriteLine($"--- failure {i + 1} [{fuzzCase.Kind}] {fuzzCase.Label}: {reason}");
        }
    }
}

static string Answer(Result result) =>
    result.Outcome is null ? "unsent"
    : result.Outcome.Statuses.Count == 0 ? "closed"
    : string.Join("+", result.Outcome.Statuses.Select(s => s.ToString(CultureInfo.InvariantCulture)));

static string Indent(string text) => string.Join('\n', text.Split('\n').Select(line => "      " + line.TrimEnd('\r')));

static (Uri BaseUri, int Seed, TimeSpan TimeLimit, int Parallelism, string[]? Only, string? Log, string? Plan, Genuine Genuine)? ReadOptions(string[] args)
{
    string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    string? url = Env("FUZZ_BASE_URL");
    var seedText = Env("FUZZ_SEED");
    var limitText = Env("FUZZ_TIME_LIMIT");
    var parallelismText = Env("FUZZ_PARALLELISM");
    var onlyText = Env("FUZZ_ONLY");
    var log = Env("FUZZ_LOG");
    var plan = Env("FUZZ_PLAN");
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--seed" when i + 1 < args.Length:
                seedText = args[++i];
                break;
            case "--time-limit" when i + 1 < args.Length:
                limitText = args[++i];
                break;
            case "--parallelism" when i + 1 < args.Length:
                parallelismText = args[++i];
                break;
            case "--only" when i + 1 < args.Length:
                onlyText = args[++i];
                break;
            case "--log" when i + 1 < args.Length:
                log = args[++i];
                break;
            case "--plan" when i + 1 < args.Length:
                plan = args[++i];
                break;
            case var positional when !positional.StartsWith("--", StringComparison.Ordinal):
                url = positional;
                break;
            default:
                Console.Error.WriteLine($"unknown argument {args[i]}; usage: JwtAuth.Fuzz [BASE_URL] [--seed N] [--time-limit SECONDS] [--parallelism N] [--only token,body,header,framing] [--log FILE] [--plan FILE]");
                return null;
        }
    }

    // Only a server on this machine's loopback: this tool sends hostile input.
    if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var baseUri) || baseUri.Scheme != Uri.UriSchemeHttp
        || !IPAddress.TryParse(baseUri.Host, out var address) || !address.Equals(IPAddress.Loopback))
    {
        Console.Error.WriteLine($"a base URL http://127.0.0.1:PORT is required (argument or FUZZ_BASE_URL), got '{url}'");
        return null;
    }

    var missing = new[] { "FUZZ_USER_1", "FUZZ_ACCESS_1", "FUZZ_REFRESH_1", "FUZZ_USER_2", "FUZZ_PASSWORD_2", "FUZZ_ACCESS_2", "FUZZ_REFRESH_2" }.Where(n => Env(n) is null).ToList();
    if (missing.Count > 0)
    {
        Console.Error.WriteLine($"missing {string.Join(", ", missing)}: the genuine tokens and accounts (tests/fuzz/run.sh sets them)");
        return null;
    }

    int seed = DefaultSeed, limit = 150, parallelism = 4;
    if ((seedText is not null && !int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
        || (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
        || (parallelismText is not null && (!int.TryParse(parallelismText, NumberStyles.None, CultureInfo.InvariantCulture, out parallelism) || parallelism < 1)))
    {
        Console.Error.WriteLine("the seed must be an integer, the time limit and parallelism positive integers");
        return null;
    }

    string[] categories = ["token", "body", "header", "framing"];
    var only = onlyText?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    if (only is not null && (only.Length == 0 || only.Any(c => !categories.Contains(c))))
    {
        Console.Error.WriteLine($"--only takes categories among {string.Join(", ", categories)}, got '{onlyText}'");
        return null;
    }

    var key = Env("FUZZ_SIGNING_KEY");
    var genuine = new Genuine(
        Env("FUZZ_USER_1")!, Env("FUZZ_ACCESS_1")!, Env("FUZZ_REFRESH_1")!,
        Env("FUZZ_USER_2")!, Env("FUZZ_PASSWORD_2")!, Env("FUZZ_ACCESS_2")!, Env("FUZZ_REFRESH_2")!,
        key is null ? null : Encoding.UTF8.GetBytes(key));
    return (baseUri, seed, TimeSpan.FromSeconds(limit), parallelism, only, log, plan, genuine);
}
