using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtAuth.Tokens;

/// <summary>The claims of a token that passed validation.</summary>
internal sealed class TokenContents
{
    /// <summary>The <c>token_type</c>.</summary>
    public required TokenType Type { get; init; }

    /// <summary>The <c>jti</c> as sent.</summary>
    public required string TokenId { get; init; }

    /// <summary>The user id, always as a string (a numeric SimpleJWT id becomes its decimal text).</summary>
    public required string UserId { get; init; }

    /// <summary>The session id (<c>sid</c>); <see cref="Guid.Empty"/> for a token without one (issued by SimpleJWT).</summary>
    public required Guid SessionId { get; init; }

    /// <summary><c>exp</c>, epoch seconds.</summary>
    public required long ExpiresAt { get; init; }

    /// <summary><c>iat</c>, epoch seconds; 0 when absent.</summary>
    public required long IssuedAt { get; init; }

    /// <summary>A sliding token's <c>refresh_exp</c>, epoch seconds; 0 otherwise.</summary>
    public long RefreshExpiresAt { get; init; }

    /// <summary>
    /// The parsed token, for hosts that read their own claims; null when the token endpoints read it
    /// on the HMAC path (<see cref="HmacTokenReader.Check"/>), which build no principal.
    /// </summary>
    public JsonWebToken? Token { get; init; }
}
