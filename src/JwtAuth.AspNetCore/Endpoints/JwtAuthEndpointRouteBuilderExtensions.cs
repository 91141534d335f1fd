using System.Diagnostics;
using JwtAuth;
using JwtAuth.Authentication;
using JwtAuth.Diagnostics;
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
    // DRF answers HEAD as GET without the body (Kestrel drops the body of a HEAD answer).
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

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

        endpoints.MapMethods(DiscoveryDocument.JwksPath, GetOrHead, (TokenServices tokens) => TypedResults.Bytes(tokens.Keys.JwksJson, "application/json"))
            .WithName("JwtAuthJwks");
        endpoints.MapMethods(DiscoveryDocument.Path, GetOrHead, (HttpRequest request, TokenServices tokens) => TypedResults.Json(DiscoveryDocument.For(request, tokens)))
            .WithName("JwtAuthDiscovery");

        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(EndpointCallFilter.InvokeAsync);

        var anonymous = group.MapGroup("").AllowAnonymous();
        MapPost(anonymous, "token/", TokenEndpoints.ObtainPairAsync, "Token Obtain Pair").WithName(JwtAuthEndpointNames.Obtain);
        MapPost(anonymous, "token/refresh/", TokenEndpoints.RefreshAsync, "Token Refresh").WithName(JwtAuthEndpointNames.Refresh);
        MapPost(anonymous, "token/verify/", TokenEndpoints.VerifyAsync, "Token Verify").WithName("JwtAuthVerify");
        MapPost(anonymous, "token/blacklist/", TokenEndpoints.BlacklistAsync, "Token Blacklist").WithName("JwtAuthBlacklist");
        MapPost(anonymous, "token/sliding/", TokenEndpoints.ObtainSlidingAsync, "Token Obtain Sliding").WithName(JwtAuthEndpointNames.ObtainSliding);
        MapPost(anonymous, "token/sliding/refresh/", TokenEndpoints.RefreshSlidingAsync, "Token Refresh Sliding").WithName("JwtAuthRefreshSliding");

        var scheme = endpoints.ServiceProvider.GetRequiredService<JwtAuthBuilder>().SchemeName;
        var authenticated = group.MapGroup("").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = scheme });
        MapPost(authenticated, "logout/", SessionEndpoints.LogoutAsync, "Logout").WithName("JwtAuthLogout");
        MapPost(authenticated, "logout/all/", SessionEndpoints.LogoutAllAsync, "Logout All").WithName("JwtAuthLogoutAll");
        MapPost(authenticated, "logout/others/", SessionEndpoints.LogoutOthersAsync, "Logout Others").WithName("JwtAuthLogoutOthers");
        authenticated.MapMethods("sessions/", GetOrHead, SessionEndpoints.ListAsync).WithName("JwtAuthSessions");
        authenticated.MapViewOptions("sessions/", "Sessions", HttpMethods.Get, HttpMethods.Head);
        authenticated.MapDelete("sessions/{id}/", SessionEndpoints.DeleteAsync).WithName("JwtAuthDeleteSession");
        authenticated.MapViewOptions("sessions/{id}/", "Session", HttpMethods.Delete);
        return group;
    }

    // A POST view and its OPTIONS, as DRF answers both on every view.
    private static RouteHandlerBuilder MapPost(RouteGroupBuilder group, string pattern, Delegate handler, string viewName)
    {
        group.MapViewOptions(pattern, viewName, HttpMethods.Post);
        return group.MapPost(pattern, handler);
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
        group.AddEndpointFilter(EndpointCallFilter.InvokeAsync);
        group.MapGet("revocations/", RevocationFeedEndpoint.GetAsync).WithName(JwtAuthEndpointNames.RevocationFeed);
        group.MapPost("token/introspect/", IntrospectionEndpoint.IntrospectAsync).WithName(JwtAuthEndpointNames.Introspect);
        group.MapPost("token/revoke/", TokenRevocationEndpoint.RevokeAsync).WithName(JwtAuthEndpointNames.Revoke);
        return group;
    }
}
