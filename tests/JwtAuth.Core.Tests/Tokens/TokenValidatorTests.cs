using System.Security.Cryptography;
using System.Text.Json.Nodes;
using JwtAuth.Testing;
using JwtAuth.Tests.Options;
using JwtAuth.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Tokens;

public sealed class TokenValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static (TokenValidator Validator, TokenIssuer Issuer, FakeTimeProvider Time) Create(Action<JwtAuthOptions>? configure = null)
    {
        var options = TestOptions.Hs256(configure);
        var keys = TokenKeys.Create(options);
        var time = new FakeTimeProvider(Now);
        return (new TokenValidator(options, keys, time), new TokenIssuer(options, keys), time);
    }

    private static TokenRequest Request(TokenType type = TokenType.Access) => new()
    {
        Type = type, UserId = "7", SessionId = Guid.CreateVersion7(), IssuedAt = Now, ExpiresAt = Now.AddMinutes(5),
        RefreshExpiresAt = type == TokenType.Sliding ? Now.AddDays(1) : null,
    };

    [Theory]
    [InlineData(TokenType.Access)]
    [InlineData(TokenType.Refresh)]
    [InlineData(TokenType.Sliding)]
    public async Task IssuedTokens_Validate(TokenType type)
    {
        var (validator, issuer, _) = Create();
        var token = issuer.Issue(Request(type));

        var check = await validator.ValidateAsync(token.Token);

        check.Failure.ShouldBe(TokenFailure.None);
        check.Contents!.Type.ShouldBe(type);
        check.Contents.UserId.ShouldBe("7");
        check.Contents.TokenId.ShouldBe(token.Id.ToString("N"));
    }

    [Theory]
    [InlineData(-1, TokenFailure.None)]
    [InlineData(0, TokenFailure.InvalidOrExpired)]
    [InlineData(1, TokenFailure.InvalidOrExpired)]
    public async Task Expiry_ExpEqualToNowIsExpired(int secondsPastExp, TokenFailure expected)
    {
        var (validator, issuer, time) = Create();
        var token = issuer.Issue(Request());
        time.SetUtcNow(Now.AddMinutes(5).AddSeconds(secondsPastExp));

        (await validator.ValidateAsync(token.Token)).Failure.ShouldBe(expected);
    }

    [Fact]
    public async Task Leeway_IsTheOnlyClockSkew()
    {
        var (validator, issuer, time) = Create(o => o.Leeway = TimeSpan.FromSeconds(30));
        var token = issuer.Issue(Request());
        time.SetUtcNow(Now.AddMinutes(5).AddSeconds(29));
        (await validator.ValidateAsync(token.Token)).Failure.ShouldBe(TokenFailure.None);
        time.SetUtcNow(Now.AddMinutes(5).AddSeconds(30));
        (await validator.ValidateAsync(token.Token)).Failure.ShouldBe(TokenFailure.InvalidOrExpired);
    }

    public static TheoryData<string, object?, TokenFailure> ClaimCases => new()
    {
        { "exp", null, TokenFailure.NoExp },
        { "exp", "soon", TokenFailure.InvalidOrExpired },
        { "exp", 1.5, TokenFailure.InvalidOrExpired },
        { "jti", null, TokenFailure.NoId },
        { "jti", 5, TokenFailure.InvalidOrExpired },
        { "token_type", null, TokenFailure.NoType },
        { "token_type", "foo", TokenFailure.WrongType },
        { "token_type", 1, TokenFailure.WrongType },
        { "user_id", null, TokenFailure.NoUserId },
        { "user_id", "", TokenFailure.NoUserId },
        { "user_id", true, TokenFailure.NoUserId },
        { "sid", "ABC", TokenFailure.InvalidOrExpired },
        { "sid", 12, TokenFailure.InvalidOrExpired },
        { "iat", 1_800_000_001L, TokenFailure.InvalidOrExpired },
        { "iat", "now", TokenFailure.InvalidOrExpired },
        { "nbf", 1_800_000_001L, TokenFailure.InvalidOrExpired },
        { "nbf", 1_800_000_000L, TokenFailure.None },
        { "user_id", 42L, TokenFailure.None },
    };

    [Theory]
    [MemberData(nameof(ClaimCases))]
    public async Task ClaimRules_FollowSimpleJwt(string claim, object? value, TokenFailure expected)
    {
        var (validator, issuer, _) = Create();
        var token = Resign(issuer.Issue(Request()).Token, payload => Set(payload, claim, value));

        (await validator.ValidateAsync(token)).Failure.ShouldBe(expected);
    }

    [Theory]
    [InlineData("alg", "HS384")]
    [InlineData("alg", "none")]
    [InlineData("kid", "other")]
    public async Task HeaderRules_RefuseOtherAlgorithmsAndKeys(string member, string value)
    {
        var (validator, issuer, _) = Create();
        var token = Resign(issuer.Issue(Request()).Token, header: h => h[member] = value);

        (await validator.ValidateAsync(token)).Failure.ShouldBe(TokenFailure.InvalidOrExpired);
    }

    [Fact]
    public async Task OverlongToken_IsRefusedBeforeCrypto()
    {
        var (validator, _, _) = Create();

        (await validator.ValidateAsync(new string('a', 8193))).Failure.ShouldBe(TokenFailure.InvalidOrExpired);
    }

    [Fact]
    public async Task AudienceAndIssuer_WhenConfigured_AreIssuedAndRequired()
    {
        var (validator, issuer, _) = Create(o => { o.Audience = "api"; o.Issuer = "https://issuer.test"; });
        var token = issuer.Issue(Request()).Token;
        (await validator.ValidateAsync(token)).Failure.ShouldBe(TokenFailure.None);

        (await validator.ValidateAsync(Resign(token, p => p["aud"] = "other", key: TestOptions.Hs256Key))).Failure.ShouldBe(TokenFailure.InvalidOrExpired);
        (await validator.ValidateAsync(Resign(token, p => p.Remove("iss"), key: TestOptions.Hs256Key))).Failure.ShouldBe(TokenFailure.InvalidOrExpired);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS384")]
    [InlineData("ES256")]
    public async Task AsymmetricTokens_ValidateAndPublishTheirKey(string algorithm)
    {
        var pem = algorithm == "ES256" ? JwtAuthOptionsValidatorTests.Ec(ECCurve.NamedCurves.nistP256) : JwtAuthOptionsValidatorTests.Rsa(2048);
        var (validator, issuer, _) = Create(o => { o.Algorithm = algorithm; o.SigningKey = pem; });
        var keys = TokenKeys.Create(TestOptions.Hs256(o => { o.Algorithm = algorithm; o.SigningKey = pem; }));

        (await validator.ValidateAsync(issuer.Issue(Request()).Token)).Failure.ShouldBe(TokenFailure.None);
        keys.Jwks.Keys.Count.ShouldBe(1);
        keys.Jwks.Keys[0].Kid.ShouldBe(keys.KeyId);
        keys.Jwks.Keys[0].Alg.ShouldBe(algorithm);
        keys.Jwks.Keys[0].HasPrivateKey.ShouldBeFalse();
    }

    private static void Set(JsonObject target, string member, object? value)
    {
        if (value is null)
        {
            target.Remove(member);
            return;
        }

        target[member] = JsonSerializerNode(value);
    }

    private static JsonNode? JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value);

    private static string Resign(string token, Action<JsonObject>? payload = null, Action<JsonObject>? header = null, string key = TestOptions.Hs256Key) =>
        TestJwt.Resign(token, key, payload, header);
}
