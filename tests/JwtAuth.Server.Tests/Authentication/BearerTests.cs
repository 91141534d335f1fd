using JwtAuth.Testing;
using System.Net;
using System.Text.Json.Nodes;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Authentication;

public sealed class BearerTests : ServerTestBase
{
    private string _access = null!;

    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice");
        (_access, _) = await Host.LoginAsync("alice");
    }

    private Task<ApiResponse> MeWithHeader(string? header) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/me/"), bearer: null, rawAuthorization: header);

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
        var (_, refresh) = await Host.LoginAsync("alice");

        var response = await MeWithHeader("Bearer " + refresh);

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Json.GetProperty("messages")[0].GetProperty("message").GetString().ShouldBe("Token has wrong type");
    }

    [Fact]
    public async Task AccessToken_ExpiresAtExactlyItsExp()
    {
        var exp = TestJwt.Claims(_access).GetProperty("exp").GetInt64();
        Host.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(exp - 1));
        (await MeWithHeader("Bearer " + _access)).Status.ShouldBe(HttpStatusCode.OK);

        Host.Time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(exp));
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
        (await Client.PostJsonAsync("/api/token/verify/", new { token })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReSignedCopy_IsAccepted_SoForgeryTestsCanFail()
    {
        (await MeWithHeader("Bearer " + Resign(_access, "unused-claim", "x"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SimpleJwtTokenWithoutSidOrKid_IsAcceptedForTheSameUser()
    {
        var claims = TestJwt.Claims(_access);
        var now = Host.Time.GetUtcNow().ToUnixTimeSeconds();
        var simpleJwt = TestJwt.Sign(
            new JsonObject { ["typ"] = "JWT", ["alg"] = "HS256" },
            new JsonObject
            {
                ["token_type"] = "access", ["exp"] = now + 300, ["iat"] = now,
                ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = JsonNode.Parse(claims.GetProperty("user_id").GetRawText()),
            },
            TestServerHost.SigningKey);

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
        (await Client.PostJsonAsync("/api/token/verify/", new { token })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Jwks_ForHmac_PublishesNoKeys()
    {
        var jwks = await Client.GetAsync("/.well-known/jwks.json", bearer: null);

        jwks.Status.ShouldBe(HttpStatusCode.OK);
        jwks.Json.GetProperty("keys").GetArrayLength().ShouldBe(0);
    }

    /// <summary>Changes one header or payload member (null removes it; numbers are offsets from now) and re-signs with the server key.</summary>
    private string Resign(string token, string member, object? value) => TestJwt.Resign(token, TestServerHost.SigningKey, Change(member is "alg" or "kid" ? null : member, value), Change(member is "alg" or "kid" ? member : null, value));

    private Action<JsonObject> Change(string? member, object? value) => target =>
    {
        if (member is null)
        {
            return;
        }

        if (value is null)
        {
            target.Remove(member);
        }
        else
        {
            target[member] = value is int offset ? Host.Time.GetUtcNow().ToUnixTimeSeconds() + offset : JsonValue.Create(value.ToString());
        }
    };
}
