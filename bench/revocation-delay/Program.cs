using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

// Usage:
//   delay   --a URL --b URL [--trials 200] [--probe verify|me] [--user bench] [--password bench-password-1]
//           (--probe me: B is a resource server, asked GET /api/me/ with the access token as bearer)
//   refresh --url URL [--url URL2] [--clients 4] [--seconds 10] [--user ...] [--password ...]
// Both talk HTTP to servers that run elsewhere (run.sh starts them), so what is measured is the
// real path: Kestrel, the database, LISTEN/NOTIFY between processes.
var command = args.Length > 0 ? args[0] : "";
var options = Options.Parse(args.Skip(1).ToArray());
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromSeconds(30),
};
var inv = CultureInfo.InvariantCulture;

switch (command)
{
    case "delay":
        await MeasureDelayAsync();
        return 0;
    case "refresh":
        await MeasureRefreshAsync();
        return 0;
    default:
        Console.Error.WriteLine("usage: delay --a URL --b URL [--trials N] [--probe verify|me] | refresh --url URL [--url URL2] [--clients N] [--seconds S]");
        return 2;
}

async Task MeasureDelayAsync()
{
    var a = options.One("a").TrimEnd('/');
    var b = options.One("b").TrimEnd('/');
    var trials = options.Int("trials", 200);
    var probeMe = options.One("probe", "verify") == "me";
    Task<HttpStatusCode> ProbeAsync(string token) => probeMe ? MeAsync(b, token) : VerifyAsync(b, token);
    var afterAnswer = new List<double>();
    var afterSend = new List<double>();
    var polls = 0L;
    for (var trial = 0; trial < trials; trial++)
    {
        var (access, refresh) = await LoginAsync(a);
        if (await ProbeAsync(access) != HttpStatusCode.OK)
        {
            throw new InvalidOperationException("Instance B refused a fresh access token.");
        }

        var clock = Stopwatch.StartNew();
        using (var logout = new HttpRequestMessage(HttpMethod.Post, a + "/api/logout/") { Content = JsonContent.Create(new { refresh }) })
        {
            logout.Headers.Authorization = new("Bearer", access);
            using var response = await http.SendAsync(logout);
            if (response.StatusCode != HttpStatusCode.ResetContent)
            {
                throw new InvalidOperationException($"Logout on A answered {(int)response.StatusCode}.");
            }
        }

        var answered = clock.Elapsed;
        // B is asked again and again, as fast as one request follows another: the delay's resolution is one round trip.
        while (await ProbeAsync(access) == HttpStatusCode.OK)
        {
            polls++;
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("Instance B still accepted the token 10 s after the logout.");
            }
        }

        var refused = clock.Elapsed;
        afterAnswer.Add((refused - answered).TotalMilliseconds);
        afterSend.Add(refused.TotalMilliseconds);
    }

    var probe = probeMe ? "GET /api/me/" : "POST /api/token/verify/";
    Console.WriteLine($"cross-instance revocation delay, {trials} trials (logout on A, {probe} on B until 401; {polls} accepted polls in all)");
    Console.WriteLine($"  after A answered 205: {Summary(afterAnswer)}");
    Console.WriteLine($"  after logout was sent: {Summary(afterSend)}");
}

async Task MeasureRefreshAsync()
{
    var urls = options.All("url").ConvertAll(url => url.TrimEnd('/'));
    var clients = options.Int("clients", 4);
    var duration = TimeSpan.FromSeconds(options.Int("seconds", 10));
    var warmup = TimeSpan.FromSeconds(1);
    var latencies = new List<double>[clients];
    var errors = 0;
    string? firstError = null;
    var start = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, clients).Select(async client =>
    {
        latencies[client] = [];
        var (_, refresh) = await LoginAsync(urls[client % urls.Count]);
        for (var k = 0; start.Elapsed < warmup + duration; k++)
        {
            // With two instances the chain alternates between them: each rotation reads what the other wrote.
            var url = urls[(client + k) % urls.Count];
            var sent = start.Elapsed;
            using var response = await http.PostAsJsonAsync(url + "/api/token/refresh/", new { refresh });
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref errors);
                firstError ??= $"{(int)response.StatusCode} {body}";
                (_, refresh) = await LoginAsync(url);
                continue;
            }

            refresh = JsonDocument.Parse(body).RootElement.GetProperty("refresh").GetString()!;
            if (sent >= warmup)
            {
                latencies[client].Add((start.Elapsed - sent).TotalMilliseconds);
            }
        }
    }).ToList();
    await Task.WhenAll(tasks);

    var all = latencies.SelectMany(l => l).ToList();
    Console.WriteLine($"refresh throughput, {clients} clients x rotation chains, {duration.TotalSeconds.ToString(inv)} s on {string.Join(" + ", urls)}");
    Console.WriteLine($"  {(all.Count / duration.TotalSeconds).ToString("F0", inv)} refreshes/s ({all.Count} ok, {errors} errors{(firstError is null ? "" : ": " + firstError)}); latency {Summary(all)}");
}

async Task<(string Access, string Refresh)> LoginAsync(string url)
{
    using var response = await http.PostAsJsonAsync(url + "/api/token/", new { username = options.One("user", "bench"), password = options.One("password", "bench-password-1") });
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"Login on {url} answered {(int)response.StatusCode}: {body}");
    }

    var json = JsonDocument.Parse(body).RootElement;
    return (json.GetProperty("access").GetString()!, json.GetProperty("refresh").GetString()!);
}

async Task<HttpStatusCode> MeAsync(string url, string token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, url + "/api/me/");
    request.Headers.Authorization = new("Bearer", token);
    using var response = await http.SendAsync(request);
    return response.StatusCode;
}

async Task<HttpStatusCode> VerifyAsync(string url, string token)
{
    using var response = await http.PostAsJsonAsync(url + "/api/token/verify/", new { token });
    return response.StatusCode;
}

string Summary(List<double> values)
{
    if (values.Count == 0)
    {
        return "no samples";
    }

    values.Sort();
    double At(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
    return string.Create(inv, $"p50 {At(0.50):F2} ms, p90 {At(0.90):F2} ms, p99 {At(0.99):F2} ms, max {values[^1]:F2} ms (n={values.Count})");
}

/// <summary>--name value pairs; a name may repeat.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var name = args[i].TrimStart('-');
            if (!options._values.TryGetValue(name, out var list))
            {
                options._values[name] = list = [];
            }

            list.Add(args[i + 1]);
        }

        return options;
    }

    public string One(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var list) ? list[^1] : fallback ?? throw new ArgumentException($"--{name} is required.");

    public List<string> All(string name) =>
        _values.TryGetValue(name, out var list) ? list : throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var list) ? int.Parse(list[^1], CultureInfo.InvariantCulture) : fallback;
}
