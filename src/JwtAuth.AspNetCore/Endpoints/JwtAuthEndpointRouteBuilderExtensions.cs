using JwtAuth;
using JwtAuth.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using JwtAuth.Problems;
using JwtAuth.Services;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps JwtAuth's endpoints.</summary>
public static class JwtAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the token, logout and session endpoints under <paramref name="prefix"/> (default
    /// <c>/api</c>), the JWKS at <c>/.well-known/jwks.json</c> and the discovery document at
    /// <c>/.well-known/openid-configuration</c>. Returns the route group so the
    /// host can add policies (rate limiting, CORS…).
    /// </summary>
    public static RouteGroupBuilder MapJwtAuthEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        endpoints.MapGet(DiscoveryDocument.JwksPath, (TokenServices tokens) => TypedResults.Bytes(tokens.Keys.JwksJson, "application/json"))
            .WithName("JwtAuthJwks");
        endpoints.MapGet(DiscoveryDocument.Path, (HttpRequest request, TokenServices tokens) => TypedResults.Json(DiscoveryDocument.For(request, tokens)))
            .WithName("JwtAuthDiscovery");

        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(MapUnavailableStore);

        var anonymous = group.MapGroup("").AllowAnonymous();
        anonymous.MapPost("token/", TokenEndpoints.ObtainPairAsync).WithName(JwtAuthEndpointNames.Obtain);
        anonymous.MapPost("token/refresh/", TokenEndpoints.RefreshAsync).WithName(JwtAuthEndpointNames.Refresh);
        anonymous.MapPost("token/verify/", TokenEndpoints.VerifyAsync).WithName("JwtAuthVerify");
        anonymous.MapPost("token/blacklist/", TokenEndpoints.BlacklistAsync).WithName("JwtAuthBlacklist");
        anonymous.MapPost("token/sliding/", TokenEndpoints.ObtainSlidingAsync).WithName(JwtAuthEndpointNames.ObtainSliding);
        anonymous.MapPost("token/sliding/refresh/", TokenEndpoints.RefreshSlidingAsync).WithName("JwtAuthRefreshSliding");

        var scheme = endpoints.ServiceProvider.GetRequiredService<JwtAuthBuilder>().SchemeName;
        var authenticated = group.MapGroup("").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = scheme });
        authenticated.MapPost("logout/", SessionEndpoints.LogoutAsync).WithName("JwtAuthLogout");
        authenticated.MapPost("logout/all/", SessionEndpoints.LogoutAllAsync).WithName("JwtAuthLogoutAll");
        authenticated.MapPost("logout/others/", SessionEndpoints.LogoutOthersAsync).WithName("JwtAuthLogoutOthers");
        authenticated.MapGet("sessions/", SessionEndpoints.ListAsync).WithName("JwtAuthSessions");
        authenticated.MapDelete("sessions/{id}/", SessionEndpoints.DeleteAsync).WithName("JwtAuthDeleteSession");
        return group;
    }

    /// <summary>
    /// Maps the endpoints for services rather than end users under <paramref name="prefix"/>
    /// (default <c>/api</c>): the revocation feed (<c>GET revocations/</c>) that JwtAuth.Validation
    /// follows, token introspection (<c>POST token/introspect/</c>, RFC 7662) and token revocation
    /// (<c>POST token/revoke/</c>, RFC 7009). They take a service's HTTP Basic credentials (<c>JwtAuth:Services</c>), never a
    /// bearer token; with no service configured they refuse every caller. Returns the route group.
    /// </summary>
    public static RouteGroupBuilder MapJwtAuthServiceEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);

        // Authenticated by the services' own credentials in the filter, not by an application policy.
        var group = endpoints.MapGroup(prefix).AllowAnonymous();
        group.AddEndpointFilter(ServiceCredentials.RequireAsync);
        group.AddEndpointFilter(MapUnavailableStore);
        group.MapGet("revocations/", RevocationFeedEndpoint.GetAsync).WithName(JwtAuthEndpointNames.RevocationFeed);
        group.MapPost("token/introspect/", IntrospectionEndpoint.IntrospectAsync).WithName(JwtAuthEndpointNames.Introspect);
        group.MapPost("token/revoke/", TokenRevocationEndpoint.RevokeAsync).WithName(JwtAuthEndpointNames.Revoke);
        return group;
    }

    private static async ValueTask<object?> MapUnavailableStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (SessionStoreUnavailableException)
        {
            return JwtAuthProblems.Unavailable();
        }
    }
}
