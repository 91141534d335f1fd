using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Tests.Tokens;

namespace JwtAuth.Server.Tests.Authentication;

public sealed class BearerTests : IAsyncLifetime
{
    private TestServerHost _host = null!;
    private HttpClient _client = null!;
    private string _access = null!;

    public async Task InitializeAsync()
    {
        _host = await TestServerHost.StartAsync();
        _client = _host.CreateClient();
        await _host.RegisterAsync("alice");
        (_access, _) = await _host.LoginAsync("alice");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private Task<ApiResponse> MeWithHeader(string? header) =>
        _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/me/"), bearer: null, rawAuthorization: header);

    [Fact]
    public async Task NoHeader_Answers401NotAuthenticatedWithBearerChallenge()
    {
        var response = await MeWithHeader(null);

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe("Authentication credentials were not provided.");
        response.Code.ShouldBe("not_authenticated");
        response.WwwAuthenticate.ShouldBe("Bearer realm=\"api\"");
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task Scheme_IsMatchedCaseInsensitively(string scheme)
    {
        (await MeWithHeader($"{scheme} {_access}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Token {0}")]
    [InlineData("JWT {0}")]
    [InlineData("Basic YWxpY2U6eA==")]
    public async Task OtherScheme_Answers401NotAuthenticated(string header)
    {
        var response = await MeWithHeader(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, _access));

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe("Authentication credentials were not provided.");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer {0} extra")]
    public async Task MalformedHeader_Answers401BadAuthorizationHeader(string header)
    {
        var response = await MeWithHeader(string.Format(System.Globalization.CultureInfo.InvariantCulture, header, _access));

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Code.ShouldBe("bad_authorization_header");
        response.Detail.ShouldBe("Authorization header must contain two space-delimited values");
    }

    [Fact]
    public async Task GarbageToken_Answers401WithSimpleJwtMessages()
    {
        var response = await MeWithHeader("Bearer garbage");

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe("Given token not valid for any token type");
        response.Code.ShouldBe("token_not_valid");
        response.WwwAuthenticate.ShouldContain("error=\"invalid_token\"");
        var messages = response.Json.GetProperty("messages").EnumerateArray().ToList();
        messages.Select(m => m.GetProperty("token_class").GetString()).ShouldBe(["AccessToken", "SlidingToken"]);
        messages[0].GetProperty("message").GetString().ShouldBe("Token is invalid or expired");
    }

    [Fact]
    public async Task RefreshTokenAsBearer_IsRefused()
    {
        var (_, refresh) = await _host.LoginAsync("alice");

        var response = await MeWithHeader("Bearer " + refresh);

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Json.GetProperty("messages")[0].GetProperty("message").GetString().ShouldBe("Token has wrong type");
    }

    [Fact]
    public async Task AccessToken_ExpiresAtExactlyItsExp()
    {
        var exp = RefreshTests.Claims(_access).GetProperty("exp").GetInt64();
        _host.Time.Set(DateTimeOffset.FromUnixTimeSeconds(exp - 1));
        (await MeWithHeader("Bearer " + _access)).Status.ShouldBe(HttpStatusCode.OK);

        _host.Time.Set(DateTimeOffset.FromUnixTimeSeconds(exp));
        (await MeWithHeader("Bearer " + _access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string, object?> Forgeries => new()
    {
        { "alg", "none" },
        { "alg", "HS512" },
        { "kid", "someone-elses-key" },
        { "iat", 3600 },
        { "nbf", 3600 },
        { "exp", null },
        { "jti", null },
        { "token_type", null },
        { "token_type", "refresh" },
        { "user_id", null },
        { "sid", "not-hex" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task ForgedTokenWithTheRightKey_IsRefused(string claim, object? value)
    {
        var token = Resign(_access, claim, value);

        (await MeWithHeader("Bearer " + token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.PostJsonAsync("/api/token/verify/", new { token })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReSignedCopy_IsAccepted_SoForgeryTestsCanFail()
    {
        (await MeWithHeader("Bearer " + Resign(_access, "unused", "x"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SimpleJwtTokenWithoutSidOrKid_IsAcceptedForTheSameUser()
    {
        var claims = RefreshTests.Claims(_access);
        var now = _host.Time.GetUtcNow().ToUnixTimeSeconds();
        var simpleJwt = Sign(
            new JsonObject { ["typ"] = "JWT", ["alg"] = "HS256" },
            new JsonObject
            {
                ["token_type"] = "access", ["exp"] = now + 300, ["iat"] = now,
                ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = claims.GetProperty("user_id").GetString(),
            });

        var me = await MeWithHeader("Bearer " + simpleJwt);

        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.Field("username").ShouldBe("alice");
    }

    [Fact]
    public async Task TokenForUnknownUser_Answers401UserNotFoundOnMe()
    {
        var me = await MeWithHeader("Bearer " + Resign(_access, "user_id", "00000000-0000-0000-0000-000000000000"));

        me.Status.ShouldBe(HttpStatusCode.Unauthorized);
        me.Code.ShouldBe("user_not_found");
    }

    [Fact]
    public async Task OversizedToken_IsRefusedWithout5xx()
    {
        var token = "eyJ" + new string('A', 9_000) + "." + new string('B', 100) + ".";

        (await MeWithHeader("Bearer " + token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await _client.PostJsonAsync("/api/token/verify/", new { token })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Jwks_ForHmac_PublishesNoKeys()
    {
        var jwks = await _client.GetAsync("/.well-known/jwks.json", bearer: null);

        jwks.Status.ShouldBe(HttpStatusCode.OK);
        jwks.Json.GetProperty("keys").GetArrayLength().ShouldBe(0);
    }

    /// <summary>Changes one header or payload member (null removes it; numbers for iat/nbf are offsets from now) and re-signs with the server key.</summary>
    private string Resign(string token, string member, object? value)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Decode(parts[0]))!.AsObject();
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        var target = member is "alg" or "kid" ? header : payload;
        if (member == "unused")
        {
            return Sign(header, payload);
        }

        if (value is null)
        {
            target.Remove(member);
        }
        else
        {
            target[member] = value is int offset ? _host.Time.GetUtcNow().ToUnixTimeSeconds() + offset : JsonValue.Create(value.ToString());
        }

        return Sign(header, payload);
    }

    private static string Sign(JsonObject header, JsonObject payload)
    {
        var input = Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var key = Encoding.UTF8.GetBytes(TestServerHost.SigningKey);
        var signature = header["alg"]?.GetValue<string>() switch
        {
            "none" => [],
            "HS512" => HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(input)),
            _ => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)),
        };
        return input + "." + Encode(signature);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string segment) =>
        Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').PadRight((segment.Length + 3) / 4 * 4, '='));
}
