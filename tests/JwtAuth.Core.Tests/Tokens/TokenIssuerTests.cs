using System.Text.Json;
using JwtAuth.Testing;
using JwtAuth.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Tokens;

public sealed class TokenIssuerTests
{
    [Fact]
    public async Task Issue_AccessToken_CarriesSimpleJwtClaimsSidAndKid()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var options = TestOptions.Hs256();
        var keys = TokenKeys.Create(options);
        var issuer = new TokenIssuer(options, keys);
        var sessionId = Guid.CreateVersion7();
        var now = time.GetUtcNow();

        var issued = issuer.Issue(new TokenRequest
        {
            Type = TokenType.Access, UserId = "42", SessionId = sessionId, IssuedAt = now, ExpiresAt = now.AddMinutes(5),
        });

        var parts = issued.Token.Split('.');
        parts.Length.ShouldBe(3);
        using var header = JsonDocument.Parse(TestJwt.Decode(parts[0]));
        header.RootElement.GetProperty("alg").GetString().ShouldBe("HS256");
        header.RootElement.GetProperty("typ").GetString().ShouldBe("JWT");
        header.RootElement.GetProperty("kid").GetString().ShouldBe(keys.KeyId);
        using var payload = JsonDocument.Parse(TestJwt.Decode(parts[1]));
        var claims = payload.RootElement;
        claims.GetProperty("token_type").GetString().ShouldBe("access");
        claims.GetProperty("user_id").GetInt64().ShouldBe(42);
        claims.GetProperty("sid").GetString().ShouldBe(sessionId.ToString("N"));
        claims.GetProperty("jti").GetString().ShouldBe(issued.Id.ToString("N"));
        claims.GetProperty("iat").GetInt64().ShouldBe(1_800_000_000);
        claims.GetProperty("exp").GetInt64().ShouldBe(1_800_000_300);

        var check = await new TokenValidator(options, keys, time).ValidateAsync(issued.Token);
        check.Failure.ShouldBe(TokenFailure.None);
        check.Contents!.SessionId.ShouldBe(sessionId);
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("999999999999999999", "999999999999999999")]
    [InlineData("042", null)]
    [InlineData("+42", null)]
    [InlineData("0", null)]
    [InlineData("-1", null)]
    [InlineData("4 2", null)]
    [InlineData("1000000000000000000", null)]
    [InlineData("24c309cf-382c-4110-a84e-54c363ba5a9c", null)]
    public async Task Issue_WritesUserIdAsANumber_OnlyWhenItReadsBackAsTheSameId(string userId, string? number)
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var options = TestOptions.Hs256();
        var keys = TokenKeys.Create(options);
        var now = time.GetUtcNow();

        var issued = new TokenIssuer(options, keys).Issue(new TokenRequest
        {
            Type = TokenType.Access, UserId = userId, SessionId = Guid.CreateVersion7(), IssuedAt = now, ExpiresAt = now.AddMinutes(5),
        });

        var claim = TestJwt.Claims(issued.Token).GetProperty("user_id");
        claim.ValueKind.ShouldBe(number is null ? JsonValueKind.String : JsonValueKind.Number);
        claim.ToString().ShouldBe(number ?? userId);
        var check = await new TokenValidator(options, keys, time).ValidateAsync(issued.Token);
        check.Contents!.UserId.ShouldBe(userId);
        new HmacTokenReader(options, keys).Check(issued.Token, now.ToUnixTimeSeconds()).Contents!.UserId.ShouldBe(userId);
    }
}
