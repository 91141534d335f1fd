using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnAuthenticationFailed"/>.</summary>
public sealed class AuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options, Exception exception, TokenFailure reason)
    : ResultContext<JwtAuthSchemeOptions>(context, scheme, options)
{
    /// <summary>Why the token was refused; its message is the 401's <c>detail</c>.</summary>
    public Exception Exception { get; } = exception;

    /// <summary>
    /// Which rule refused the token (expired, blacklisted, wrong type…), for hosts that react to one
    /// of them; <see cref="TokenFailure.None"/> for a malformed header or a <c>TokenValidated</c> rejection.
    /// </summary>
    public TokenFailure Reason { get; } = reason;
}
