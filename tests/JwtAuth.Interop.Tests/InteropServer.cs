using System.Net.Http.Json;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Interop.Tests;

/// <summary>
/// The built server as a process on 127.0.0.1 with one algorithm and key, and one user, the
/// second registered (id 2: a number that only a matching id finds).
/// </summary>
public sealed class InteropServer : IAsyncDisposable
{
    public const string UserName = "alice";
    public const string Password = "alice-password-1";
    public const string Audience = "interop-api";

    private readonly string _directory;
    private readonly ServerProcess _process;

    private InteropServer(string directory, ServerProcess process, string baseAddress)
    {
        _directory = directory;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public string JwksUrl => BaseAddress + "/.well-known/jwks.json";

    public long UserId { get; private set; }

    /// <summary>
    /// Starts a server signing with <paramref name="algorithm"/> and <paramref name="signingKey"/>.
    /// With <paramref name="issuerAndAudience"/> its tokens carry <c>iss</c> (the server's URL, as the
    /// discovery document names it) and <c>aud</c>, which JwtBearer checks by default.
    /// </summary>
    public static async Task<InteropServer> StartAsync(string algorithm, string signingKey, bool issuerAndAudience)
    {
        var directory = Directory.CreateTempSubdirectory("jwtauth-interop-").FullName;
        var port = ServerProcess.FreePort();
        var baseAddress = $"http://127.0.0.1:{port}";
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = baseAddress,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory, "interop.db")}",
            ["Database__Provider"] = "Sqlite",
            ["RateLimiting__Enabled"] = "false",
            ["JwtAuth__Algorithm"] = algorithm,
            ["JwtAuth__SigningKey"] = signingKey,
            ["JwtAuth__Issuer"] = issuerAndAudience ? baseAddress : null,
            ["JwtAuth__Audience"] = issuerAndAudience ? Audience : null,
        };
        var process = ServerProcess.StartOnPort(port, directory, environment, "--contentRoot", directory);
        var server = new InteropServer(directory, process, baseAddress);
        try
        {
            await process.WaitUntilReadyAsync();
            await server.RegisterAsync("first-user");
            server.UserId = await server.RegisterAsync(UserName);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = new Uri(BaseAddress) };

    public async Task<(string Access, string Refresh)> LoginAsync()
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/token/", new { username = UserName, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access").GetString()!, json.GetProperty("refresh").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<long> RegisterAsync(string userName)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new { username = userName, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{body}\n{_process.Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }
}
