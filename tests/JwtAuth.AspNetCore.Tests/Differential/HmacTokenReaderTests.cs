using System.Globalization;
using System.Text;
using JwtAuth.Tokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// Each claim and header rule, pinned for both the fast reader and the reference validator: a rule
/// that changes in one of them fails here by name, not only in the differential corpus.
/// </summary>
public sealed class HmacTokenReaderTests
{
    private const long Now = ValidatorPair.Now;

    [Theory]
    [InlineData("exp", null, TokenFailure.NoExp)]
    [InlineData("exp", "NOW", TokenFailure.InvalidOrExpired)]
    [InlineData("exp", "NOW-1", TokenFailure.InvalidOrExpired)]
    [InlineData("exp", "NOW+1", TokenFailure.None)]
    [InlineData("exp", "\"1800000100\"", TokenFailure.InvalidOrExpired)]
    [InlineData("exp", "1800000100.0", TokenFailure.InvalidOrExpired)]
    [InlineData("exp", "null", TokenFailure.InvalidOrExpired)]
    [InlineData("nbf", "NOW", TokenFailure.None)]
    [InlineData("nbf", "NOW+1", TokenFailure.InvalidOrExpired)]
    [InlineData("nbf", "\"x\"", TokenFailure.InvalidOrExpired)]
    [InlineData("iat", null, TokenFailure.None)]
    [InlineData("iat", "NOW", TokenFailure.None)]
    [InlineData("iat", "NOW+1", TokenFailure.InvalidOrExpired)]
    [InlineData("iat", "1.5", TokenFailure.InvalidOrExpired)]
    [InlineData("jti", null, TokenFailure.NoId)]
    [InlineData("jti", "\"\"", TokenFailure.InvalidOrExpired)]
    [InlineData("jti", "5", TokenFailure.InvalidOrExpired)]
    [InlineData("jti", "null", TokenFailure.InvalidOrExpired)]
    [InlineData("token_type", null, TokenFailure.NoType)]
    [InlineData("token_type", "\"bogus\"", TokenFailure.WrongType)]
    [InlineData("token_type", "\"Access\"", TokenFailure.WrongType)]
    [InlineData("token_type", "5", TokenFailure.WrongType)]
    [InlineData("token_type", "\"acc\\u0065ss\"", TokenFailure.None)]
    [InlineData("sid", null, TokenFailure.None)]
    [InlineData("sid", "\"00000000000000000000000000000000\"", TokenFailure.InvalidOrExpired)]
    [InlineData("sid", "\"0190A1B2C3D4E5F60718293A4B5C6D7E\"", TokenFailure.InvalidOrExpired)]
    [InlineData("sid", "\"0190a1b2-c3d4-e5f6-0718-293a4b5c6d7e\"", TokenFailure.InvalidOrExpired)]
    [InlineData("sid", "5", TokenFailure.InvalidOrExpired)]
    [InlineData("user_id", null, TokenFailure.NoUserId)]
    [InlineData("user_id", "\"\"", TokenFailure.NoUserId)]
    [InlineData("user_id", "42", TokenFailure.None)]
    [InlineData("user_id", "4.2", TokenFailure.NoUserId)]
    [InlineData("user_id", "true", TokenFailure.NoUserId)]
    [InlineData("user_id", "[\"42\"]", TokenFailure.NoUserId)]
    [InlineData("refresh_exp", "\"x\"", TokenFailure.None)]
    [InlineData("sub", "true", TokenFailure.InvalidOrExpired)]
    [InlineData("sub", "7", TokenFailure.None)]
    [InlineData("azp", "7", TokenFailure.InvalidOrExpired)]
    [InlineData("aud", "7", TokenFailure.InvalidOrExpired)]
    [InlineData("aud", "[7]", TokenFailure.InvalidOrExpired)]
    [InlineData("aud", "[null, \"x\"]", TokenFailure.None)]
    [InlineData("iss", "7", TokenFailure.InvalidOrExpired)]
    [InlineData("iss", "null", TokenFailure.None)]
    public async Task AccessToken_ClaimRule_SameVerdictInReaderAndValidator(string claim, string? value, TokenFailure expected)
    {
        var pair = ValidatorPair.Create();
        var token = WithClaim(pair, pair.Issue(TokenType.Access), claim, value);

        await ShouldBothSay(pair, token, expected);
    }

    [Theory]
    [InlineData(null, TokenFailure.InvalidOrExpired)]
    [InlineData("\"x\"", TokenFailure.InvalidOrExpired)]
    [InlineData("NOW-1", TokenFailure.None)]
    public async Task SlidingToken_RefreshExp_MustBeAnInteger(string? value, TokenFailure expected)
    {
        var pair = ValidatorPair.Create();
        var token = WithClaim(pair, pair.Issue(TokenType.Sliding), "refresh_exp", value);

        await ShouldBothSay(pair, token, expected);
    }

    [Theory]
    [InlineData("exp", "NOW-10", TokenFailure.InvalidOrExpired)]
    [InlineData("exp", "NOW-9", TokenFailure.None)]
    [InlineData("nbf", "NOW+10", TokenFailure.None)]
    [InlineData("nbf", "NOW+11", TokenFailure.InvalidOrExpired)]
    [InlineData("iat", "NOW+10", TokenFailure.None)]
    [InlineData("iat", "NOW+11", TokenFailure.InvalidOrExpired)]
    public async Task Leeway_AppliesToExpNbfAndIat(string claim, string value, TokenFailure expected)
    {
        var pair = ValidatorPair.Create(o => o.Leeway = TimeSpan.FromSeconds(10));
        var token = WithClaim(pair, pair.Issue(TokenType.Access), claim, value);

        await ShouldBothSay(pair, token, expected);
    }

    [Theory]
    [InlineData("kid", null, TokenFailure.None)]
    [InlineData("kid", "\"other\"", TokenFailure.InvalidOrExpired)]
    [InlineData("kid", "null", TokenFailure.InvalidOrExpired)]
    [InlineData("kid", "7", TokenFailure.InvalidOrExpired)]
    [InlineData("alg", null, TokenFailure.InvalidOrExpired)]
    [InlineData("alg", "\"none\"", TokenFailure.InvalidOrExpired)]
    [InlineData("alg", "\"hs256\"", TokenFailure.InvalidOrExpired)]
    [InlineData("alg", "\"HS384\"", TokenFailure.InvalidOrExpired)]
    [InlineData("alg", "\"RS256\"", TokenFailure.InvalidOrExpired)]
    [InlineData("alg", "\"HS\\u0032\\u00356\"", TokenFailure.None)]
    [InlineData("typ", "7", TokenFailure.InvalidOrExpired)]
    [InlineData("typ", "null", TokenFailure.None)]
    [InlineData("typ", null, TokenFailure.None)]
    [InlineData("jku", "\"https://attacker.example/jwks\"", TokenFailure.None)]
    [InlineData("crit", "[\"exp\"]", TokenFailure.InvalidOrExpired)]
    [InlineData("crit", "[\"b64\"]", TokenFailure.InvalidOrExpired)]
    [InlineData("crit", "[]", TokenFailure.InvalidOrExpired)]
    [InlineData("crit", "\"exp\"", TokenFailure.InvalidOrExpired)]
    [InlineData("crit", "null", TokenFailure.InvalidOrExpired)]
    [InlineData("crit", "{}", TokenFailure.InvalidOrExpired)]
    public async Task Header_Rule_SameVerdictInReaderAndValidator(string parameter, string? value, TokenFailure expected)
    {
        var pair = ValidatorPair.Create();
        var parts = pair.Issue(TokenType.Access).Split('.');
        var header = Edit(TokenForge.Decode(parts[0]), parameter, value);

        await ShouldBothSay(pair, TokenForge.SignJson(header, TokenForge.Decode(parts[1]), pair.Key), expected);
    }

    [Fact]
    public async Task SimpleJwtToken_WithoutKidOrSid_IsAcceptedByBoth()
    {
        // The migration path off Django: SimpleJWT signs {"alg","typ"} and a payload without sid.
        var pair = ValidatorPair.Create();
        var payload = $"{{\"token_type\":\"access\",\"exp\":{Now + 300},\"iat\":{Now - 10},\"jti\":\"5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b\",\"user_id\":7}}";
        var token = TokenForge.SignJson("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, pair.Key);

        await ShouldBothSay(pair, token, TokenFailure.None);
        var text = new char[token.Length];
        pair.Reader.Read(token, Now, text, out var claims);
        new string(text[claims.UserId]).ShouldBe("7");
        claims.SessionId.ShouldBe(Guid.Empty);
    }

    [Theory]
    [InlineData("alg twice, ours last", "{\"alg\":\"none\",\"alg\":\"HS256\"}")]
    [InlineData("alg twice, ours first", "{\"alg\":\"HS256\",\"alg\":\"none\"}")]
    [InlineData("alg and its escape", "{\"alg\":\"HS256\",\"\\u0061lg\":\"HS256\"}")]
    public async Task Header_WithDuplicateName_IsRefusedByBoth(string label, string header)
    {
        _ = label;
        var pair = ValidatorPair.Create();
        var token = TokenForge.SignJson(header, TokenForge.Decode(pair.Issue(TokenType.Access).Split('.')[1]), pair.Key);

        await ShouldBothSay(pair, token, TokenFailure.InvalidOrExpired);
    }

    [Theory]
    [InlineData("crit escaped", "{\"alg\":\"HS256\",\"\\u0063rit\":[\"exp\"]}")]
    [InlineData("crit first", "{\"crit\":[\"exp\"],\"alg\":\"HS256\"}")]
    [InlineData("crit naming itself", "{\"alg\":\"HS256\",\"crit\":[\"crit\"]}")]
    public async Task Header_WithCrit_IsRefusedByBoth(string label, string header)
    {
        // RFC 7515 4.1.11: a recipient must refuse a token whose crit names an extension it does
        // not understand (or is malformed); JwtAuth understands none, so any crit is refused.
        _ = label;
        var pair = ValidatorPair.Create();
        var token = TokenForge.SignJson(header, TokenForge.Decode(pair.Issue(TokenType.Access).Split('.')[1]), pair.Key);

        await ShouldBothSay(pair, token, TokenFailure.InvalidOrExpired);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("exp")]
    [InlineData("token_type")]
    [InlineData("roles")]
    public async Task Payload_WithDuplicateClaim_IsRefusedByBoth(string claim)
    {
        var pair = ValidatorPair.Create();
        var parts = pair.Issue(TokenType.Access).Split('.');
        var payload = TokenForge.Decode(parts[1]);
        var members = TokenForge.Members(payload);
        var value = members.FirstOrDefault(m => m.Name == TokenForge.Quote(claim)).Value ?? "\"x\"";
        var duplicated = TokenForge.Object([.. members, (TokenForge.Quote(claim), value), (TokenForge.Quote(claim), value)]);

        await ShouldBothSay(pair, TokenForge.SignJson(TokenForge.Decode(parts[0]), duplicated, pair.Key), TokenFailure.InvalidOrExpired);
    }

    [Fact]
    public async Task EscapedClaimNames_AreReadAsTheirText()
    {
        var pair = ValidatorPair.Create();
        var parts = pair.Issue(TokenType.Access).Split('.');
        var payload = TokenForge.Decode(parts[1]).Replace("\"exp\"", "\"\\u0065xp\"", StringComparison.Ordinal)
            .Replace("\"user_id\":\"42\"", "\"user_\\u0069d\":\"\\u0034\\u0032\"", StringComparison.Ordinal);
        var token = TokenForge.SignJson(TokenForge.Decode(parts[0]), payload, pair.Key);

        await ShouldBothSay(pair, token, TokenFailure.None);
        (await pair.ReferenceAsync(token)).Summary.ShouldBe(pair.Fast(token).Summary);
        pair.Fast(token).Summary!.Split('|')[2].ShouldBe("42");
    }

    [Theory]
    [InlineData(null, TokenFailure.InvalidOrExpired)]
    [InlineData("\"https://api.example\"", TokenFailure.None)]
    [InlineData("\"https://api.example/\"", TokenFailure.InvalidOrExpired)]
    [InlineData("\"HTTPS://API.EXAMPLE\"", TokenFailure.InvalidOrExpired)]
    [InlineData("[\"other\",null,\"https://api.example\"]", TokenFailure.None)]
    [InlineData("[]", TokenFailure.InvalidOrExpired)]
    [InlineData("null", TokenFailure.InvalidOrExpired)]
    public async Task ConfiguredAudience_MustMatchExactly(string? aud, TokenFailure expected)
    {
        var pair = ValidatorPair.Create(o => o.Audience = "https://api.example");
        var token = WithClaim(pair, pair.Issue(TokenType.Access), "aud", aud);

        await ShouldBothSay(pair, token, expected);
    }

    [Theory]
    [InlineData(null, TokenFailure.InvalidOrExpired)]
    [InlineData("\"https://issuer.example\"", TokenFailure.None)]
    [InlineData("\"https://issuer.example/\"", TokenFailure.InvalidOrExpired)]
    [InlineData("null", TokenFailure.InvalidOrExpired)]
    public async Task ConfiguredIssuer_MustMatchExactly(string? iss, TokenFailure expected)
    {
        var pair = ValidatorPair.Create(o => o.Issuer = "https://issuer.example");
        var token = WithClaim(pair, pair.Issue(TokenType.Access), "iss", iss);

        await ShouldBothSay(pair, token, expected);
    }

    [Theory]
    [InlineData("signature padded")]
    [InlineData("payload padded")]
    [InlineData("five segments")]
    [InlineData("empty payload")]
    [InlineData("payload followed by text")]
    [InlineData("unsigned")]
    public async Task MalformedCompactSerialization_IsRefusedByBothWithoutThrowing(string shape)
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(TokenType.Access);
        var parts = token.Split('.');
        var header = TokenForge.Decode(parts[0]);
        var payload = TokenForge.Decode(parts[1]);
        var malformed = shape switch
        {
            "signature padded" => token + "=",
            "payload padded" => TokenForge.Sign(parts[0], parts[1] + "=", pair.Key),
            "five segments" => token + ".e30.e30",
            "empty payload" => TokenForge.Sign(parts[0], "", pair.Key),
            "payload followed by text" => TokenForge.SignJson(header, payload + " x", pair.Key),
            _ => parts[0] + "." + parts[1] + ".",
        };

        await ShouldBothSay(pair, malformed, TokenFailure.InvalidOrExpired);
    }

    [Fact]
    public async Task TokenLongerThanMaximum_IsRefusedBeforeAnything()
    {
        var pair = ValidatorPair.Create(o => o.MaxTokenLength = 256);
        var token = pair.Issue(TokenType.Access, userId: new string('u', 200));

        token.Length.ShouldBeGreaterThan(256);
        await ShouldBothSay(pair, token, TokenFailure.InvalidOrExpired);
    }

    [Fact]
    public void Read_ReturnsTheClaimsOfAValidToken()
    {
        var pair = ValidatorPair.Create();
        var sessionId = Guid.CreateVersion7();
        var token = pair.Issue(TokenType.Sliding, userId: "ada", sessionId: sessionId);
        var text = new char[token.Length];

        var failure = pair.Reader.Read(token, Now, text, out var claims);

        failure.ShouldBe(TokenFailure.None);
        claims.Type.ShouldBe(TokenType.Sliding);
        new string(text[claims.UserId]).ShouldBe("ada");
        new string(text[claims.TokenId]).Length.ShouldBe(32);
        claims.SessionId.ShouldBe(sessionId);
        claims.IssuedAt.ShouldBe(Now - 60);
        claims.ExpiresAt.ShouldBe(Now + 240);
        claims.RefreshExpiresAt.ShouldBe(Now + 86_400);
        claims.HasHostClaims.ShouldBeFalse();
    }

    [Fact]
    public void Read_WithHostClaims_SaysSo()
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(TokenType.Access, extraClaims: new Dictionary<string, object?> { ["tenant"] = "t1" });

        pair.Reader.Read(token, Now, new char[token.Length], out var claims).ShouldBe(TokenFailure.None);
        claims.HasHostClaims.ShouldBeTrue();
    }

    [Fact]
    public void Read_WithTooSmallTextBuffer_Throws()
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(TokenType.Access);

        Should.Throw<ArgumentException>(() => pair.Reader.Read(token, Now, new char[token.Length - 1], out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3000)]
    public void Read_AcceptedToken_AllocatesNothing(int userIdLength)
    {
        var pair = ValidatorPair.Create();
        var token = pair.Issue(TokenType.Access, userId: userIdLength == 0 ? "42" : new string('u', userIdLength));
        var text = new char[token.Length];
        pair.Reader.Read(token, Now, text, out _).ShouldBe(TokenFailure.None);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            pair.Reader.Read(token, Now, text, out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void Reader_ForRsaKeys_IsRefused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var options = TestOptions.Hs256(o => (o.Algorithm, o.SigningKey) = ("RS256", rsa.ExportRSAPrivateKeyPem()));

        Should.Throw<ArgumentException>(() => new HmacTokenReader(options, TokenKeys.Create(options)));
    }

    private static async Task ShouldBothSay(ValidatorPair pair, string token, TokenFailure expected)
    {
        (await pair.ReferenceAsync(token)).Failure.ShouldBe(expected, "reference validator");
        pair.Fast(token).Failure.ShouldBe(expected, "fast reader");
    }

    private static string WithClaim(ValidatorPair pair, string token, string claim, string? value)
    {
        var parts = token.Split('.');
        return TokenForge.SignJson(TokenForge.Decode(parts[0]), Edit(TokenForge.Decode(parts[1]), claim, value), pair.Key, pair.HashBytes);
    }

    // Sets (or with null removes) one member; NOW, NOW+n and NOW-n stand for epoch seconds.
    private static string Edit(string json, string name, string? value)
    {
        var members = TokenForge.Members(json).Where(m => m.Name != TokenForge.Quote(name)).ToList();
        if (value is not null)
        {
            members.Add((TokenForge.Quote(name), Resolve(value)));
        }

        return TokenForge.Object(members);
    }

    private static string Resolve(string value)
    {
        if (!value.StartsWith("NOW", StringComparison.Ordinal))
        {
            return value;
        }

        var offset = value.Length == 3 ? 0 : long.Parse(value.AsSpan(3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (Now + offset).ToString(CultureInfo.InvariantCulture);
    }
}
