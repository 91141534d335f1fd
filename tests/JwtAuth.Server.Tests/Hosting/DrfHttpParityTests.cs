using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>What a SimpleJWT client sees of HTTP itself: challenges, 404/405 bodies, OPTIONS and HEAD, as DRF answers them.</summary>
public sealed class DrfHttpParityTests : ServerTestBase
{
    private const string Password = "alice-password-1";

    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice", Password);
    }

    [Theory]
    [InlineData("/api/token/", "{\"username\":\"alice\",\"password\":\"wrong\"}")]
    [InlineData("/api/token/sliding/", "{\"username\":\"alice\",\"password\":\"wrong\"}")]
    [InlineData("/api/token/refresh/", "{\"refresh\":\"abc\"}")]
    [InlineData("/api/token/verify/", "{\"token\":\"abc\"}")]
    [InlineData("/api/token/blacklist/", "{\"refresh\":\"abc\"}")]
    [InlineData("/api/token/sliding/refresh/", "{\"token\":\"abc\"}")]
    public async Task A401OfATokenEndpoint_ChallengesExactlyAsSimpleJwt(string path, string body)
    {
        using var client = Host.CreateClient();

        var response = await client.PostRawAsync(path, body, "application/json");

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.WwwAuthenticate.ShouldBe("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task A401OfTheHandler_Challenges()
    {
        using var client = Host.CreateClient();

        (await client.GetAsync("/api/me/", null)).WwwAuthenticate.ShouldBe("Bearer realm=\"api\"");
        (await client.GetAsync("/api/me/", "abc")).WwwAuthenticate.ShouldStartWith("Bearer realm=\"api\"");
    }

    [Fact]
    public async Task AnUnknownRoute_Is404WithDrfsDetail()
    {
        using var client = Host.CreateClient();

        var response = await client.GetAsync("/api/nothing/", null);

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.ContentType.ShouldBe("application/problem+json");
        response.Detail.ShouldBe("Not found.");
        response.Code.ShouldBe("not_found");
    }

    [Theory]
    [InlineData("GET", "/api/token/", "POST")]
    [InlineData("PUT", "/api/token/refresh/", "POST")]
    [InlineData("POST", "/api/me/", "GET")]
    public async Task AWrongMethod_Is405WithDrfsDetailAndAllow(string method, string path, string allowed)
    {
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await client.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        body.GetProperty("detail").GetString().ShouldBe($"Method \"{method}\" not allowed.");
        body.GetProperty("code").GetString().ShouldBe("method_not_allowed");
        response.Content.Headers.Allow.ShouldContain(allowed);
        response.Content.Headers.Allow.ShouldContain("OPTIONS");
    }

    [Theory]
    [InlineData("/api/token/", "Token Obtain Pair")]
    [InlineData("/api/token/refresh/", "Token Refresh")]
    [InlineData("/api/token/verify/", "Token Verify")]
    [InlineData("/api/token/blacklist/", "Token Blacklist")]
    [InlineData("/api/token/sliding/", "Token Obtain Sliding")]
    [InlineData("/api/token/sliding/refresh/", "Token Refresh Sliding")]
    [InlineData("/api/register/", "Register")]
    public async Task Options_OnAnOpenView_AnswersDrfsMetadata(string path, string name)
    {
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);

        using var response = await client.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.Allow.ShouldBe(["POST", "OPTIONS"]);
        body.GetProperty("name").GetString().ShouldBe(name);
        body.GetProperty("renders").EnumerateArray().Select(e => e.GetString()).ShouldBe(["application/json"]);
        body.GetProperty("parses").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]);
    }

    [Theory]
    [InlineData("/api/me/")]
    [InlineData("/api/logout/")]
    [InlineData("/api/sessions/")]
    [InlineData("/api/password/change/")]
    public async Task Options_OnAProtectedView_NeedsAToken_AsDrfChecksPermissionsFirst(string path)
    {
        var (access, _) = await Host.LoginAsync("alice", Password);
        using var client = Host.CreateClient();

        var anonymous = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, path), null);
        var authenticated = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, path), access);

        anonymous.Status.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.WwwAuthenticate.ShouldBe("Bearer realm=\"api\"");
        authenticated.Status.ShouldBe(HttpStatusCode.OK, authenticated.ToString());
    }

    [Theory]
    [InlineData("/api/me/")]
    [InlineData("/api/sessions/")]
    [InlineData("/.well-known/jwks.json")]
    public async Task Head_IsAnsweredAsGet(string path)
    {
        var (access, _) = await Host.LoginAsync("alice", Password);
        using var client = Host.CreateClient();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), access);
        var anonymous = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/me/"), null);

        head.Status.ShouldBe(HttpStatusCode.OK);
        head.ContentType.ShouldBe("application/json");
        anonymous.Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
