using JwtAuth.Problems;

namespace JwtAuth.Tokens;

/// <summary>Why a token was refused; each value maps to exactly one SimpleJWT message.</summary>
public enum TokenFailure
{
    /// <summary>The token is acceptable.</summary>
    None = 0,
    /// <summary>Not decodable, not verifiable, expired, not yet valid, or of a foreign issuer or audience.</summary>
    InvalidOrExpired,
    /// <summary>No <c>exp</c> claim.</summary>
    NoExp,
    /// <summary>No <c>jti</c> claim.</summary>
    NoId,
    /// <summary>No <c>token_type</c> claim.</summary>
    NoType,
    /// <summary>A <c>token_type</c> the endpoint does not accept.</summary>
    WrongType,
    /// <summary>A sliding token whose <c>refresh_exp</c> has passed.</summary>
    RefreshExpExpired,
    /// <summary>No usable user id claim.</summary>
    NoUserId,
    /// <summary>The token, its session or its user has been revoked.</summary>
    Blacklisted,
    /// <summary>A well-signed token JwtAuth has no record of (for example a refresh token from a wiped database).</summary>
    Unknown,
    /// <summary>Obtain: unknown user, wrong password, or inactive user, answered alike.</summary>
    BadCredentials,
    /// <summary>The user behind a valid token no longer exists or is inactive.</summary>
    InactiveAccount,
    /// <summary>Logout: the refresh token is valid but belongs to another session than the bearer's.</summary>
    NotOfBearerSession,
    /// <summary>Logout without a refresh token by a bearer token that has no session (issued by SimpleJWT).</summary>
    NoSession,
    /// <summary>
    /// A resource server cannot tell whether the token was revoked: its revocation feed has been out
    /// of reach longer than it may be, and it is configured to refuse tokens then.
    /// </summary>
    RevocationsUnavailable,
}

/// <summary>The message of each <see cref="TokenFailure"/>.</summary>
public static class TokenFailureMessages
{
    public static string Message(this TokenFailure failure) => failure switch
    {
        TokenFailure.InvalidOrExpired => JwtAuthMessages.TokenInvalidOrExpired,
        TokenFailure.NoExp => JwtAuthMessages.TokenNoExp,
        TokenFailure.NoId => JwtAuthMessages.TokenNoId,
        TokenFailure.NoType => JwtAuthMessages.TokenNoType,
        TokenFailure.WrongType => JwtAuthMessages.TokenWrongType,
        TokenFailure.RefreshExpExpired => JwtAuthMessages.TokenRefreshExpExpired,
        TokenFailure.NoUserId => JwtAuthMessages.NoUserIdentification,
        TokenFailure.Blacklisted => JwtAuthMessages.TokenBlacklisted,
        TokenFailure.Unknown => JwtAuthMessages.TokenInvalid,
        TokenFailure.BadCredentials => JwtAuthMessages.NoActiveAccount,
        TokenFailure.InactiveAccount => JwtAuthMessages.NoActiveAccountForToken,
        TokenFailure.NotOfBearerSession => JwtAuthMessages.RefreshNotOfThisSession,
        TokenFailure.NoSession => JwtAuthMessages.TokenHasNoSession,
        TokenFailure.RevocationsUnavailable => JwtAuthMessages.RevocationsUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
