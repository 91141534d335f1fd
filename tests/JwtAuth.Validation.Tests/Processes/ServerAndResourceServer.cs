using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Validation.Tests.Processes;

/// <summary>
/// The built JwtAuth server (SQLite, ES256) and the built resource server sample
/// (<c>samples/ResourceServer</c>, JwtAuth.Validation) as two processes on 127.0.0.1, the resource
/// server reaching the server through a <see cref="CuttableProxy"/>: a team's other API, as it runs.
/// </summary>
public sealed class ServerAndResourceServer : IAsyncLifetime
{
    public const string ServiceName = "orders-api";
    public const string ServiceSecret = "orders-api-secret-0123456789abcdef0123456789";
    public const string Password = "password-1234";

    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-validation-").FullName;

    public ServerProcess Server { get; private set; } = null!;

    public ServerProcess ResourceServer { get; private set; } = null!;

    public CuttableProxy Proxy { get; private set; } = null!;

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Server = ServerProcess.Start(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__Algorithm"] = "ES256",
            ["JwtAuth__SigningKey"] = key.ExportPkcs8PrivateKeyPem(),
            // No token expires during a test: a refusal means revoked.
            ["JwtAuth__AccessTokenLifetime"] = "01:00:00",
            [$"JwtAuth__Services__{ServiceName}__Secret"] = ServiceSecret,
            ["RateLimiting__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "jwtauth.db")}",
        });
        await Server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        Proxy = new CuttableProxy(Server.Port);

        ResourceServer = ServerProcess.StartApp(Path.Combine(AppContext.BaseDirectory, "ResourceServer.dll"), _directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__Algorithm"] = "ES256",
            ["JwtAuth__Validation__Authority"] = Proxy.BaseAddress,
            ["JwtAuth__Validation__RequireHttpsMetadata"] = "false",
            ["JwtAuth__Validation__ServiceName"] = ServiceName,
            ["JwtAuth__Validation__ServiceSecret"] = ServiceSecret,
            ["JwtAuth__Validation__RetryDelay"] = "00:00:00.100",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await ResourceServer.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await ResourceServer.DisposeAsync();
        await Proxy.DisposeAsync();

        await Server.DisposeAsync();
        Client.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Registers <paramref name="user"/> on the server and logs in: an access and a refresh token.</summary>
    public async Task<(string Access, string Refresh)> LoginAsync(string user)
    {
        using (var register = await Client.PostAsJsonAsync(Server.BaseAddress + "/api/register/", new { username = user, password = Password }))
        {
            register.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.BadRequest);
        }

        using var response = await Client.PostAsJsonAsync(Server.BaseAddress + "/api/token/", new { username = user, password = Password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("access").GetString()!, json.GetProperty("refresh").GetString()!);
    }

    public async Task LogoutAsync(string access, string refresh)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.BaseAddress + "/api/logout/") { Content = JsonContent.Create(new { refresh }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.ResetContent);
    }

    /// <summary>What the resource server answers to <paramref name="token"/> as a bearer.</summary>
    public async Task<HttpStatusCode> ResourceAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ResourceServer.BaseAddress + "/api/me/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Client.SendAsync(request);
        return response.StatusCode;
    }
}
