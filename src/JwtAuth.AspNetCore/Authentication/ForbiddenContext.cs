using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnForbidden"/>.</summary>
public sealed class ForbiddenContext(HttpContext context, AuthenticationScheme scheme, JwtAuthSchemeOptions options, AuthenticationProperties properties)
    : PropertiesContext<JwtAuthSchemeOptions>(context, scheme, options, properties)
{
    /// <summary>Whether the host wrote the response itself.</summary>
    public bool Handled { get; private set; }

    /// <summary>Skips JwtAuth's 403 body: the host has written the response.</summary>
    public void HandleResponse() => Handled = true;
}
