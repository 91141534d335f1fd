using JwtAuth.Flows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.Authentication;

/// <summary>
/// Raises the flows' events on the scheme's <see cref="JwtAuthEvents"/>, resolving its
/// <c>EventsType</c> from the request's services as the handler does for its own events.
/// </summary>
internal sealed class SchemeTokenFlowEvents(IServiceProvider services, IOptionsMonitor<JwtAuthSchemeOptions> options, JwtAuthBuilder builder)
    : ITokenFlowEvents
{
    private JwtAuthEvents? _events;

    private JwtAuthEvents Events => _events ??= Resolve();

    public Task IssuingTokenAsync(IssuingTokenContext context) => Events.IssuingToken(context);

    public Task RefreshTokenReusedAsync(RefreshTokenReusedContext context) => Events.RefreshTokenReused(context);

    private JwtAuthEvents Resolve()
    {
        var scheme = options.Get(builder.SchemeName);
        return scheme.EventsType is { } type ? (JwtAuthEvents)services.GetRequiredService(type) : scheme.Events;
    }
}
