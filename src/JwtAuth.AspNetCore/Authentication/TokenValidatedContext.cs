using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnTokenValidated"/>; <c>Principal</c> is the token's.</summary>
public sealed class TokenValidatedContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options)
    : ResultContext<JwtAuthSchemeOptions>(context, scheme, options)
{
    /// <summary>The message the 401 carries when <see cref="Reject"/> was called.</summary>
    public string? RejectionMessage { get; private set; }

    /// <summary>Refuses the token; the client gets 401 <c>token_not_valid</c> with this message.</summary>
    public void Reject(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        RejectionMessage = message;
    }
}
