using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnChallenge"/>.</summary>
public sealed class JwtAuthChallengeContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options, AuthenticationProperties properties)
    : PropertiesContext<JwtAuthSchemeOptions>(context, scheme, options, properties)
{
    /// <summary>Why authentication failed; null when no credentials were sent.</summary>
    public Exception? AuthenticateFailure { get; init; }

    /// <summary>Whether the host wrote the response itself.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips JwtAuth's 401 body: the host has written the response.</summary>
    public void HandleResponse() => Handled = true;
}
