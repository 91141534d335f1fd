using System.Globalization;
using System.Net;
using System.Text;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Durability;

/// <summary>One database the built server runs on: a SQLite file or a PostgreSQL database, and its name for messages.</summary>
public sealed record DurableDatabase(string Provider, string ConnectionString, string Name);

/// <summary>
/// The built server (<see cref="ServerProcess"/>) on one <see cref="DurableDatabase"/>, with an HTTP
/// client of its own and the requests these tests send. Started as a process, not in-process: the
/// requests go through Kestrel and real sockets into a process whose only state that survives a
/// <c>kill -9</c> is what its database committed, which is what the tests are about.
/// </summary>
public sealed class DurableServer : IAsyncDisposable
{
    public const string Password = "password-1234";

    private DurableServer(ServerProcess process, DurableDatabase database)
    {
        Process = process;
        Database = database;
        // One connection per concurrent request (no limit per server), kept open between the warm-up and the race.
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = new Uri(process.BaseAddress),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public ServerProcess Process { get; }

    public DurableDatabase Database { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Starts the server in Production as a deployment runs it, rate limits off (every request comes
    /// from 127.0.0.1), access tokens living an hour (none expires during a test, so a refusal means
    /// revoked), everything else at its defaults: rotation on, blacklist after rotation, grace 0.
    /// </summary>
    public static async Task<DurableServer> StartAsync(string workingDirectory, DurableDatabase database, IDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["JwtAuth__AccessTokenLifetime"] = "01:00:00",
            ["RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Default"] = database.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = ServerProcess.Start(workingDirectory, environment);
        try
        {
            await process.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new DurableServer(process, database);
    }

    public async Task RegisterAsync(string userName)
    {
        var response = await Client.PostJsonAsync("/api/register/", new { username = userName, password = Password });
        response.Status.ShouldBe(HttpStatusCode.Created, response.ToString());
    }

    public async Task<Tokens> LoginAsync(string userName)
    {
        var response = await Client.PostJsonAsync("/api/token/", new { username = userName, password = Password });
        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
        return new Tokens(response.Field("access"), response.Field("refresh"));
    }

    /// <summary><paramref name="count"/> logins spread over <paramref name="users"/>, a few at a time (each costs a password hash).</summary>
    public async Task<List<Tokens>> LoginManyAsync(IReadOnlyList<string> users, int count)
    {
        using var slots = new SemaphoreSlim(4);
        return (await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                return await LoginAsync(users[i % users.Count]);
            }
            finally
            {
                slots.Release();
            }
        }))).ToList();
    }

    public Task<ApiResponse> RefreshAsync(string refresh) => Client.PostJsonAsync("/api/token/refresh/", new { refresh });

    public Task<ApiResponse> VerifyAsync(string token) => Client.PostJsonAsync("/api/token/verify/", new { token });

    public Task<ApiResponse> MeAsync(string access) => Client.GetAsync("/api/me/", access);

    public Task<ApiResponse> LogoutAsync(Tokens tokens) => Client.PostJsonAsync("/api/logout/", new { refresh = tokens.Refresh }, tokens.Access);

    public Task<ApiResponse> BlacklistAsync(string refresh) => Client.PostJsonAsync("/api/token/blacklist/", new { refresh });

    /// <summary>Opens <paramref name="connections"/> connections (anonymous <c>/api/me/</c>, 401), so that a race that follows starts on open sockets.</summary>
    public async Task WarmUpConnectionsAsync(int connections)
    {
        var answers = await AllAtOnceAsync(Enumerable.Range(0, connections).Select(_ => (Func<Task<ApiResponse>>)(() => Client.GetAsync("/api/me/", null))).ToList());
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Sends every request at once: each waits on one gate on its own thread-pool task, the gate opens,
    /// and they all go out together (nothing blocks a thread while waiting).
    /// </summary>
    public static async Task<T[]> AllAtOnceAsync<T>(IReadOnlyList<Func<Task<T>>> requests)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(request => Task.Run(async () =>
        {
            await gate.Task;
            return await request();
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    /// <summary>SIGKILL to the server process; returns its exit code (asserted 137: killed, not ended by itself).</summary>
    public async Task<int> KillHardAsync()
    {
        var exitCode = await Process.KillHardAsync();
        exitCode.ShouldBe(137, $"the server was to be killed by SIGKILL (exit 137), it exited with {exitCode}:\n{Process.Output}");
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    /// <summary>The counts of answers by status and detail, for messages and the test output.</summary>
    public static string Tally(IEnumerable<ApiResponse> responses) =>
        string.Join(", ", responses.GroupBy(r => $"{(int)r.Status} {Detail(r)}".TrimEnd()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}"));

    public static string Detail(ApiResponse response)
    {
        try
        {
            if ((int)response.Status is >= 200 and < 300)
            {
                return "";
            }

            return response.Body.Length == 0 ? "(no body)" : response.Detail ?? response.Body;
        }
        catch (System.Text.Json.JsonException)
        {
            return response.Body;
        }
    }
}

/// <summary>An access token and a refresh token of one session, as a login or refresh answered them.</summary>
public sealed record Tokens(string Access, string Refresh);

/// <summary>Collects failed expectations so that a test reports all of them (with the server's output), not only the first.</summary>
public sealed class Failures
{
    private readonly List<string> _failures = [];

    public int Checked { get; private set; }

    public void Expect(bool condition, Func<string> message)
    {
        lock (_failures)
        {
            Checked++;
            if (!condition)
            {
                _failures.Add(message());
            }
        }
    }

    public void ShouldBeNone(string context)
    {
        if (_failures.Count == 0)
        {
            return;
        }

        var text = new StringBuilder($"{_failures.Count} of {Checked} checks failed ({context}):\n");
        foreach (var failure in _failures.Take(40))
        {
            text.AppendLine("  " + failure);
        }

        if (_failures.Count > 40)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ... and {_failures.Count - 40} more");
        }

        throw new ShouldAssertException(text.ToString());
    }
}

/// <summary>Where each test's files go: a temp directory removed afterwards.</summary>
public sealed class DurableDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("jwtauth-durable-").FullName;

    public DurableDatabase Sqlite() => new("Sqlite", $"Data Source={System.IO.Path.Combine(Path, "jwtauth.db")}", "SQLite");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the temp directory is cleaned by the OS later.
        }
    }
}
