using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnTokenValidated"/>.</summary>
public sealed class TokenValidatedContext
{
    internal TokenValidatedContext(HttpContext httpContext, ClaimsPrincipal principal)
    {
        HttpContext = httpContext;
        Principal = principal;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The principal built from the token's claims; replace or extend it.</summary>
    public ClaimsPrincipal Principal { get; set; }

    /// <summary>The message the 401 carries when <see cref="Reject"/> was called.</summary>
    public string? RejectionMessage { get; private set; }

    /// <summary>Refuses the token; the client gets 401 <c>token_not_valid</c> with this message.</summary>
    public void Reject(string message) => RejectionMessage = message;
}
