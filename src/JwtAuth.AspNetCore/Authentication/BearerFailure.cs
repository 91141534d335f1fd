using JwtAuth.Problems;
using JwtAuth.Tokens;

namespace JwtAuth.Authentication;

/// <summary>Why a bearer token was refused; the challenge turns it into the 401 body.</summary>
internal sealed class BearerFailure : Exception
{
    private BearerFailure(string detail, string code, TokenFailure tokenFailure)
        : base(detail)
    {
        Code = code;
        TokenFailure = tokenFailure;
    }

    public string Code { get; }

    /// <summary>The per-token-class reason, for SimpleJWT's <c>messages</c> list; None for header errors.</summary>
    public TokenFailure TokenFailure { get; }

    public static BearerFailure BadHeader() =>
        new(JwtAuthMessages.BadAuthorizationHeader, JwtAuthErrorCodes.BadAuthorizationHeader, TokenFailure.None);

    /// <summary>SimpleJWT's answer: "not valid for any token type", with one message per accepted class.</summary>
    public static BearerFailure Token(TokenFailure failure) => failure switch
    {
        TokenFailure.Blacklisted => new(JwtAuthMessages.TokenBlacklisted, JwtAuthErrorCodes.TokenNotValid, failure),
        TokenFailure.NoUserId => new(JwtAuthMessages.NoUserIdentification, JwtAuthErrorCodes.TokenNotValid, failure),
        TokenFailure.RevocationsUnavailable => new(JwtAuthMessages.RevocationsUnavailable, JwtAuthErrorCodes.RevocationsUnavailable, failure),
        _ => new(JwtAuthMessages.NotValidForAnyType, JwtAuthErrorCodes.TokenNotValid, failure),
    };

    /// <summary>A cookie-authenticated unsafe request that failed the CSRF check: answered 403, not 401.</summary>
    public static BearerFailure Csrf(string message) =>
        new(message, JwtAuthErrorCodes.CsrfFailed, TokenFailure.None);

    public bool IsCsrf => Code == JwtAuthErrorCodes.CsrfFailed;

    public static BearerFailure Rejected(string message) =>
        new(message, JwtAuthErrorCodes.TokenNotValid, TokenFailure.None);

    public BearerFailure()
        : this(JwtAuthMessages.NotValidForAnyType, JwtAuthErrorCodes.TokenNotValid, TokenFailure.InvalidOrExpired)
    {
    }

    public BearerFailure(string message)
        : this(message, JwtAuthErrorCodes.TokenNotValid, TokenFailure.None)
    {
    }

    public BearerFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = JwtAuthErrorCodes.TokenNotValid;
    }
}
