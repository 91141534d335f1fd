using JwtAuth.Authentication;
using JwtAuth.Testing;
using System.Net;
using System.Security.Cryptography;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Authentication;

public sealed class EventsTests
{
    private static Action<IServiceCollection> Events(Action<JwtAuthSchemeOptions> configure) =>
        services => services.Configure(JwtAuthDefaults.AuthenticationScheme, configure);

    [Fact]
    public async Task OnIssuingToken_AddsClaimsAtObtainAndAgainAtEveryRefresh()
    {
        var issued = 0;
        await using var host = await TestServerHost.StartAsync(services: Events(o => o.Events.OnIssuingToken = context =>
        {
            Interlocked.Increment(ref issued);
            context.AddClaim("tier", context.User.UserName == "alice" ? "gold" : "none");
            return Task.CompletedTask;
        }));
        await host.RegisterAsync("alice");
        var (access, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        TestJwt.Claims(access).GetProperty("tier").GetString().ShouldBe("gold");
        var refreshed = await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        TestJwt.Claims(refreshed.Field("access")).GetProperty("tier").GetString().ShouldBe("gold");
        issued.ShouldBe(4);
        (await client.GetAsync("/api/me/", refreshed.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OnIssuingToken_CannotReplaceJwtAuthsClaims()
    {
        await using var host = await TestServerHost.StartAsync(services: Events(o => o.Events.OnIssuingToken = context =>
        {
            context.AddClaim("sid", "mine");
            return Task.CompletedTask;
        }));
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();

        // A host bug, not client input: no token is issued with a forged session id.
        var response = await client.PostJsonAsync("/api/token/", new { username = "alice", password = "password-1234" });

        response.Status.ShouldBe(HttpStatusCode.InternalServerError);
        response.Body.ShouldNotContain("access");
    }

    [Fact]
    public async Task OnTokenValidated_CanRejectAToken()
    {
        await using var host = await TestServerHost.StartAsync(services: Events(o => o.Events.OnTokenValidated = context =>
        {
            context.Reject("Not from this network.");
            return Task.CompletedTask;
        }));
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var me = await client.GetAsync("/api/me/", access);

        me.Status.ShouldBe(HttpStatusCode.Unauthorized);
        me.Detail.ShouldBe("Not from this network.");
    }

    [Fact]
    public async Task OnRefreshTokenReused_IsRaisedWithTheEndedSession()
    {
        Guid? ended = null;
        await using var host = await TestServerHost.StartAsync(services: Events(o => o.Events.OnRefreshTokenReused = context =>
        {
            ended = context.SessionId;
            return Task.CompletedTask;
        }));
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        ended.ShouldBe(Guid.ParseExact(TestJwt.Claims(refresh).GetProperty("sid").GetString()!, "N"));
    }

    [Fact]
    public async Task UpdateLastLogin_RecordsTheLogin()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:UpdateLastLogin"] = "true" });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var me = await client.GetAsync("/api/me/", access);

        me.Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(host.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task LastLogin_IsNotRecordedByDefault()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        (await client.GetAsync("/api/me/", access)).Json.GetProperty("last_login").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Rs256Server_SignsVerifiesAndPublishesItsPublicKey()
    {
        using var rsa = RSA.Create(2048);
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["JwtAuth:Algorithm"] = "RS256",
            ["JwtAuth:SigningKey"] = rsa.ExportPkcs8PrivateKeyPem(),
        });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);
        var jwks = await client.GetAsync("/.well-known/jwks.json", bearer: null);
        var key = jwks.Json.GetProperty("keys")[0];
        key.GetProperty("kty").GetString().ShouldBe("RSA");
        key.TryGetProperty("d", out _).ShouldBeFalse();
        var header = TestJwt.Header(access);
        header.GetProperty("alg").GetString().ShouldBe("RS256");
        header.GetProperty("kid").GetString().ShouldBe(key.GetProperty("kid").GetString());
    }
}
