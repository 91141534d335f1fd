using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.TestHost;

namespace JwtAuth.Interop.Tests;

/// <summary>
/// Standard verifiers that know JwtAuth only by its URL accept its access tokens through the JWKS
/// (and the discovery document) and, with the token_type check docs/resource-servers.md gives,
/// refuse its refresh tokens: SimpleJWT's <c>JWK_URL</c>, jose's <c>createRemoteJWKSet</c>, and
/// ASP.NET Core's JwtBearer with <c>Authority</c>.
/// </summary>
public sealed class JwksInteropTests(JwksInteropFixture servers) : IClassFixture<JwksInteropFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-jwks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableTheory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task DjangoJwtAuthentication_ThroughJwkUrl_AuthenticatesTheUser_AndRefusesARefreshToken(string algorithm)
    {
        var server = servers[algorithm];
        var (access, refresh) = await server.LoginAsync();

        var accepted = await RunDjangoAsync(server, access, algorithm);
        var refused = await RunDjangoAsync(server, refresh, algorithm);

        accepted.ExitCode.ShouldBe(0, accepted.Output);
        JsonDocument.Parse(accepted.Output).RootElement.GetProperty("id").GetInt64().ShouldBe(server.UserId);
        refused.ExitCode.ShouldBe(1, refused.Output);
    }

    [SkippableTheory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task Jose_VerifiesAnAccessToken_ThroughTheJwks_AndRefusesARefreshToken(string algorithm)
    {
        var jose = await InteropTools.JoseDirectoryAsync();
        var server = servers[algorithm];
        var (access, refresh) = await server.LoginAsync();

        var accepted = await InteropTools.RunAsync("node", jose, "jose_verify.mjs", server.JwksUrl, algorithm, access);
        var refused = await InteropTools.RunAsync("node", jose, "jose_verify.mjs", server.JwksUrl, algorithm, refresh);

        accepted.ExitCode.ShouldBe(0, accepted.Output);
        JsonDocument.Parse(accepted.Output).RootElement.GetProperty("user_id").GetInt64().ShouldBe(server.UserId);
        refused.ExitCode.ShouldBe(1, refused.Output);
        refused.Output.ShouldContain("token_type is refresh");
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task JwtBearerWithAuthority_AcceptsAnAccessToken_AndRefusesARefreshToken(string algorithm)
    {
        var server = servers[algorithm];
        var (access, refresh) = await server.LoginAsync();
        await using var resource = await StartResourceServerAsync(server.BaseAddress);
        using var client = resource.GetTestClient();

        var accepted = await GetAsync(client, access);
        var refused = await GetAsync(client, refresh);

        accepted.Status.ShouldBe(HttpStatusCode.OK, accepted.Body);
        accepted.Body.ShouldBe(server.UserId.ToString(CultureInfo.InvariantCulture));
        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The resource server of docs/resource-servers.md ("Plain JWKS", JwtBearer), as written there.</summary>
    private static async Task<WebApplication> StartResourceServerAsync(string authority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = false; // the test server is plain HTTP on 127.0.0.1
                options.Audience = InteropServer.Audience;
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents
                {
                    // A JwtAuth refresh token is signed by the same key: only its type tells it apart.
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.FindFirst("token_type")?.Value != "access")
                        {
                            context.Fail("Not an access token.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/resource", (ClaimsPrincipal user) => user.FindFirst("user_id")!.Value).RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/resource");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(int ExitCode, string Output)> RunDjangoAsync(InteropServer server, string token, string algorithm)
    {
        await InteropTools.RequirePythonModulesAsync("jwt, cryptography, django, rest_framework_simplejwt",
            "python3-djangorestframework-simplejwt python3-django python3-jwt python3-cryptography");
        var database = Path.Combine(_directory, $"{Guid.NewGuid():N}.sqlite3");
        return await InteropTools.RunAsync(InteropTools.Python, _directory, InteropTools.ScriptPath("django_authenticate.py"),
            InteropTools.PeerDjangoDirectory(), database, server.UserId.ToString(CultureInfo.InvariantCulture), InteropServer.UserName, token,
            "jwk", server.JwksUrl, algorithm);
    }
}
