using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace JwtAuth.Reliability;

/// <summary>--name value pairs from the command line.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }

            options._values[args[i][2..]] = args[++i];
        }

        return options;
    }

    public string String(string name, string? fallback = null) =>
        _values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>What every campaign needs: where the server is, which database, the seed and the bounds.</summary>
internal sealed record Settings(
    string ServerDll,
    string Provider,
    string Connection,
    string WorkDirectory,
    int Seed,
    TimeSpan Deadline,
    Options Options)
{
    public string Database => Provider == "Postgres" ? "PostgreSQL" : "SQLite";

    public static Settings From(Options options) => new(
        Path.GetFullPath(options.String("server-dll")),
        options.String("provider", "Sqlite"),
        options.String("connection"),
        Path.GetFullPath(options.String("workdir")),
        options.Int("seed", 1),
        TimeSpan.FromSeconds(options.Int("max-seconds", 600)),
        options);
}

/// <summary>
/// The tally of checks: each check is one assertion about the server's state or one answer, of a
/// named kind; a failure keeps its first examples. Thread-safe.
/// </summary>
internal sealed class Checks
{
    private const int ExamplesKept = 3;
    private const int ExamplesKeptWithGroups = 10;
    private readonly Lock _lock = new();
    private readonly List<Kind> _kinds = [];

    public int Passed { get { lock (_lock) { return _kinds.Sum(kind => kind.Passed); } } }

    public int Failed { get { lock (_lock) { return _kinds.Sum(kind => kind.Failed); } } }

    /// <summary>Declares a kind up front so that it is listed (with 0 checks) even when nothing exercised it.</summary>
    public void Declare(string kind)
    {
        lock (_lock)
        {
            _ = KindOf(kind);
        }
    }

    /// <summary>
    /// Counts one check. A failure's example is kept when fewer than three are, or when it is the
    /// first of its <paramref name="group"/> (say, which request answered 5xx), up to ten in all.
    /// </summary>
    public bool Check(string kind, bool ok, Func<string> example, string group = "")
    {
        lock (_lock)
        {
            var entry = KindOf(kind);
            if (ok)
            {
                entry.Passed++;
            }
            else
            {
                entry.Failed++;
                var firstOfGroup = entry.Groups.Add(group);
                if (entry.Examples.Count < ExamplesKept || (firstOfGroup && entry.Examples.Count < ExamplesKeptWithGroups))
                {
                    entry.Examples.Add(example());
                }
            }
        }

        return ok;
    }

    public void Print(TextWriter output)
    {
        lock (_lock)
        {
            output.WriteLine("checks:");
            foreach (var kind in _kinds)
            {
                var verdict = kind.Failed > 0 ? "FAIL" : kind.Passed > 0 ? "ok  " : "--  ";
                // "passed N", not "N passed": only the last line reads "N passed, M failed", for whoever counts them.
                output.WriteLine($"  {verdict} {kind.Name}: passed {kind.Passed}, failed {kind.Failed}");
                foreach (var example in kind.Examples)
                {
                    output.WriteLine($"         e.g. {example}");
                }
            }

            output.WriteLine($"reliability: {_kinds.Sum(kind => kind.Passed)} passed, {_kinds.Sum(kind => kind.Failed)} failed");
        }
    }

    private Kind KindOf(string name)
    {
        var kind = _kinds.Find(k => k.Name == name);
        if (kind is null)
        {
            kind = new Kind(name);
            _kinds.Add(kind);
        }

        return kind;
    }

    private sealed class Kind(string name)
    {
        public string Name { get; } = name;

        public int Passed { get; set; }

        public int Failed { get; set; }

        public List<string> Examples { get; } = [];

        public HashSet<string> Groups { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Counters printed as figures (answers by operation and status, crash moments…), not checks.</summary>
internal sealed class Figures
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name, long amount = 1)
    {
        lock (_lock)
        {
            _counts[name] = _counts.GetValueOrDefault(name) + amount;
        }
    }

    public void Print(TextWriter output)
    {
        lock (_lock)
        {
            output.WriteLine("figures:");
            foreach (var (name, count) in _counts)
            {
                output.WriteLine($"  {name}: {count}");
            }
        }
    }
}

/// <summary>
/// The built server as a process on 127.0.0.1: started as a deployment would (Production, a
/// configured key, rate limits off, warnings only), killed with SIGKILL, restarted on the same
/// port and database. Its output goes to <c>server.log</c> in the work directory.
/// </summary>
internal sealed class ServerProcess(Settings settings) : IDisposable
{
    public const string SigningKey = "reliability-signing-key-0123456789abcdef0123456789abcdef";
    private Process? _process;

    public int Port { get; } = FreePort();

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string LogPath => Path.Combine(settings.WorkDirectory, "server.log");

    public int Starts { get; private set; }

    /// <summary>Starts the server and waits until it answers; false (and the log's tail as the error) when it does not within a minute.</summary>
    public async Task<(bool Started, TimeSpan Took, string Error)> StartAsync()
    {
        Starts++;
        await File.AppendAllTextAsync(LogPath, $"--- start {Starts} at {DateTime.UtcNow:O}\n");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(settings.ServerDll)! };
        // exec: the process id is the server's own, so Kill() is a kill -9 of the server itself, not of a shell.
        foreach (var argument in (string[])["-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", settings.ServerDll, LogPath])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(settings))
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            if (_process.HasExited)
            {
                return (false, clock.Elapsed, $"the server exited with {_process.ExitCode}: {Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl + "/.well-known/jwks.json"));
                if (response.IsSuccessStatusCode)
                {
                    return (true, clock.Elapsed, "");
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        return (false, clock.Elapsed, $"no answer within a minute: {Tail()}");
    }

    /// <summary>kill -9: SIGKILL to the server process, then waits for it to be gone.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }
    }

    /// <summary>The server's environment: Production, the key, rate limits off, warnings only, the database; access tokens live an hour so none expires during a campaign.</summary>
    public static Dictionary<string, string> Environment(Settings settings) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["JwtAuth__SigningKey"] = SigningKey,
        ["JwtAuth__AccessTokenLifetime"] = "1h",
        ["RateLimiting__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Database__Provider"] = settings.Provider,
        ["ConnectionStrings__Default"] = settings.Connection,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Runs a server command (<c>users list</c>) on the same database and returns its output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(Settings settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(settings.ServerDll)!,
        };
        start.ArgumentList.Add(settings.ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(settings))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public string Tail()
    {
        try
        {
            var lines = File.ReadAllLines(LogPath);
            return string.Join(" | ", lines.Skip(Math.Max(0, lines.Length - 5)));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public void Dispose()
    {
        KillHard();
        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One answer: the status and the body (its JSON when it has one).</summary>
internal sealed record Answer(int Status, string Body, TimeSpan Took)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool Is5xx => Status >= 500;

    public string? Field(string name)
    {
        try
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Status and the start of the body, for examples.</summary>
    public override string ToString() => Body.Length == 0 ? $"{Status}" : $"{Status} {Shorten(Body, 160)}";

    public static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

/// <summary>
/// The server's HTTP API as the campaigns use it. Transport failures (the server killed mid-request)
/// surface as <see cref="HttpRequestException"/> or <see cref="TaskCanceledException"/>.
/// </summary>
internal sealed class Api(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public Task<Answer> LoginAsync(string userName, string password) =>
        SendAsync(HttpMethod.Post, "/api/token/", new { username = userName, password });

    public Task<Answer> RegisterAsync(string userName, string password) =>
        SendAsync(HttpMethod.Post, "/api/register/", new { username = userName, password });

    public Task<Answer> RefreshAsync(string refresh) => SendAsync(HttpMethod.Post, "/api/token/refresh/", new { refresh });

    public Task<Answer> VerifyAsync(string token) => SendAsync(HttpMethod.Post, "/api/token/verify/", new { token });

    public Task<Answer> BlacklistAsync(string refresh) => SendAsync(HttpMethod.Post, "/api/token/blacklist/", new { refresh });

    public Task<Answer> LogoutAsync(string access, string refresh) => SendAsync(HttpMethod.Post, "/api/logout/", new { refresh }, access);

    public Task<Answer> LogoutAllAsync(string access) => SendAsync(HttpMethod.Post, "/api/logout/all/", null, access);

    public Task<Answer> DeleteSessionAsync(string access, string sessionId) => SendAsync(HttpMethod.Delete, $"/api/sessions/{sessionId}/", null, access);

    public Task<Answer> ChangePasswordAsync(string access, string oldPassword, string newPassword) =>
        SendAsync(HttpMethod.Post, "/api/password/change/", new { old_password = oldPassword, new_password = newPassword }, access);

    /// <summary>GET /api/me/: the authentication handler's verdict on an access token (401 when refused).</summary>
    public Task<Answer> MeAsync(string access) => SendAsync(HttpMethod.Get, "/api/me/", null, access);

    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, baseUrl + path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        var clock = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text, clock.Elapsed);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Reads a claim of a JWT without checking it (the campaigns only need the session id).</summary>
internal static class Jwt
{
    public static string SessionId(string token) => Claim(token, "sid");

    public static string Claim(string token, string name)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(payload));
        return json.RootElement.GetProperty(name).ToString();
    }

    /// <summary>A short form of a token for examples: its session and token ids.</summary>
    public static string Describe(string token)
    {
        try
        {
            return $"{Claim(token, "token_type")} jti {Claim(token, "jti")[..12]}… of session {Claim(token, "sid")[..12]}…";
        }
        catch (Exception exception) when (exception is FormatException or JsonException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return "(unreadable token)";
        }
    }
}
