using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnMessageReceived"/>.</summary>
public sealed class MessageReceivedContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options)
    : ResultContext<JwtAuthSchemeOptions>(context, scheme, options)
{
    /// <summary>The token to validate instead of reading the header; null reads the header.</summary>
    public string? Token { get; set; }
}
