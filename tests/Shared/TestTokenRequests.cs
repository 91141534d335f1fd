using JwtAuth.Tokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>The token requests the tests issue: issued a minute ago, valid four more minutes.</summary>
internal static class TestTokenRequests
{
    public static TokenRequest Create(DateTimeOffset now, TokenType type, string userId, IReadOnlyDictionary<string, object?>? extraClaims, Guid? sessionId) => new()
    {
        Type = type,
        UserId = userId,
        SessionId = sessionId ?? Guid.CreateVersion7(),
        IssuedAt = now.AddSeconds(-60),
        ExpiresAt = now.AddSeconds(240),
        RefreshExpiresAt = type == TokenType.Sliding ? now.AddDays(1) : null,
        ExtraClaims = extraClaims,
    };
}
