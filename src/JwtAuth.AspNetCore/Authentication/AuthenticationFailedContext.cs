using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnAuthenticationFailed"/>.</summary>
public sealed class AuthenticationFailedContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options, Exception exception)
    : ResultContext<JwtAuthSchemeOptions>(context, scheme, options)
{
    /// <summary>Why the token was refused; its message is the 401's <c>detail</c>.</summary>
    public Exception Exception { get; } = exception;
}
