using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using JwtAuth;
using JwtAuth.Authentication;
using JwtAuth.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>
/// The real server, built by the same code as <c>dotnet run</c>, on an in-memory test server with
/// its own SQLite file and a clock the test moves.
/// </summary>
public sealed class TestServerHost : IAsyncDisposable
{
    /// <summary>A protected endpoint of the host application (not of JwtAuth) that only authenticates.</summary>
    public const string ProtectedPath = "/test/protected/";

    public const string SigningKey = "integration-test-signing-key-0123456789abcdef0123456789";

    private readonly bool _loopback;

    private TestServerHost(WebApplication app, FakeTimeProvider time, string databasePath, bool loopback)
    {
        _loopback = loopback;
        App = app;
        Time = time;
        DatabasePath = databasePath;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public string DatabasePath { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts a server; <paramref name="databasePath"/> reuses a database (a restart), otherwise a new file.</summary>
    public static async Task<TestServerHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? databasePath = null,
        FakeTimeProvider? time = null,
        string environment = "Production",
        Action<IServiceCollection>? services = null,
        bool loopback = false)
    {
        databasePath ??= Path.Combine(Path.GetTempPath(), $"jwtauth-test-{Guid.NewGuid():N}.db");
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new Dictionary<string, string?>
        {
            ["JwtAuth:SigningKey"] = SigningKey,
            ["ConnectionStrings:Default"] = $"Data Source={databasePath}",
            ["Database:Provider"] = "Sqlite",
            ["RateLimiting:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = ServerApplication.Build(["--environment", environment], builder =>
        {
            if (loopback)
            {
                // A real socket, for clients outside the process (a browser): a free port on 127.0.0.1.
                builder.WebHost.UseUrls("http://127.0.0.1:0");
            }
            else
            {
                builder.WebHost.UseTestServer();
            }

            builder.Configuration.AddInMemoryCollection(configuration);
            builder.Services.AddSingleton<TimeProvider>(time);
        }, services);
        // An application endpoint behind JwtAuth that touches no database: what "authenticated
        // requests keep working from memory" is about when the database is down.
        app.MapGet(ProtectedPath, (ClaimsPrincipal user) => TypedResults.Ok(new { sub = user.GetUserId() }))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtAuthDefaults.AuthenticationScheme });
        await app.StartAsync();
        return new TestServerHost(app, time, databasePath, loopback);
    }

    public HttpClient CreateClient() => _loopback ? new HttpClient { BaseAddress = BaseAddress } : App.GetTestClient();

    /// <summary>The server's address when started with <c>loopback: true</c>.</summary>
    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Registers a user through <c>/api/register/</c>.</summary>
    public async Task<string> RegisterAsync(string userName, string password = "password-1234")
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/register/", new { username = userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id");
        return id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString()!;
    }

    /// <summary>Logs in through <c>/api/token/</c>.</summary>
    public async Task<(string Access, string Refresh)> LoginAsync(string userName, string password = "password-1234")
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/token/", new { username = userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access").GetString()!, json.GetProperty("refresh").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Deletes the database files of a host that is already disposed.</summary>
    public void DeleteDatabase()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
