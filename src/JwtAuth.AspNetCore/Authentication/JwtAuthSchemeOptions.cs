using Microsoft.AspNetCore.Authentication;

namespace JwtAuth.Authentication;

/// <summary>
/// Options of the JwtAuth authentication scheme: its events. The token settings are
/// <see cref="JwtAuthOptions"/>, one snapshot shared by the handler and the endpoints.
/// </summary>
public sealed class JwtAuthSchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>Creates the options with events that do nothing.</summary>
    public JwtAuthSchemeOptions() => Events = new JwtAuthEvents();

    /// <summary>
    /// The hooks of the host application; or set <see cref="AuthenticationSchemeOptions.EventsType"/>
    /// to a <see cref="JwtAuthEvents"/> subclass resolved from dependency injection.
    /// </summary>
    public new JwtAuthEvents Events
    {
        get => (JwtAuthEvents)base.Events!;
        set => base.Events = value;
    }
}
