using JwtAuth;
using JwtAuth.Authentication;
using JwtAuth.Revocation;
using JwtAuth.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using JwtAuth.Problems;
using JwtAuth.Services;
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

    private const string TokensTag = "Tokens";
    private const string SessionsTag = "Sessions";
    private const string DiscoveryTag = "Discovery";
    private const string ServicesTag = "Services";
    private const string ServiceFormContentType = "application/x-www-form-urlencoded";

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
            .WithName("JwtAuthJwks").WithTags(DiscoveryTag)
            .WithSummary("The public keys tokens are verified with (JWKS, RFC 7517); empty for HMAC keys.")
            .Produces<JwksResponse>();
        endpoints.MapMethods(DiscoveryDocument.Path, GetOrHead, (HttpRequest request, TokenServices tokens) => TypedResults.Json(DiscoveryDocument.For(request, tokens)))
            .WithName("JwtAuthDiscovery").WithTags(DiscoveryTag)
            .WithSummary("OpenID Connect discovery, reduced to what a token verifier reads: issuer, JWKS address, algorithm.")
            .Produces<DiscoveryDocument>();

        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(EndpointCallFilter.InvokeAsync);
        group.ProducesJwtAuthProblem(StatusCodes.Status503ServiceUnavailable);

        var anonymous = group.MapGroup("").AllowAnonymous().WithTags(TokensTag);
        MapPost(anonymous, "token/", TokenEndpoints.ObtainPairAsync, "Token Obtain Pair").WithName(JwtAuthEndpointNames.Obtain)
            .WithSummary("Log in: a refresh and an access token for the user's credentials (a new session).")
            .WithDescription("Wrong password, unknown and inactive users all answer the same 401 no_active_account. "
                + "In cookie mode, when the request asks for cookies, the tokens are set as cookies and the body keeps only what is not one.")
            .AcceptsJwtAuthBody<ObtainRequest>().ProducesJwtAuthTokens();
        MapPost(anonymous, "token/refresh/", TokenEndpoints.RefreshAsync, "Token Refresh").WithName(JwtAuthEndpointNames.Refresh)
            .WithSummary("A new access token (and, with rotation, the next refresh token of the session) for a refresh token.")
            .WithDescription("`refresh` is absent from the answer when refresh tokens are not rotated. A refresh token used twice ends its whole session "
                + "(401 token_not_valid). In cookie mode a request without `refresh` uses the refresh cookie and must pass the CSRF check (403 csrf_failed).")
            .AcceptsJwtAuthBody<RefreshRequest>().Produces<RefreshResponse>()
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        MapPost(anonymous, "token/verify/", TokenEndpoints.VerifyAsync, "Token Verify").WithName("JwtAuthVerify")
            .WithSummary("Checks a token of any type: signature, lifetime, claims and revocation.")
            .AcceptsJwtAuthBody<TokenFieldRequest>().Produces<EmptyResponse>()
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
        MapPost(anonymous, "token/blacklist/", TokenEndpoints.BlacklistAsync, "Token Blacklist").WithName("JwtAuthBlacklist")
            .WithSummary("SimpleJWT's logout: ends the refresh token's session, its access tokens included, at once.")
            .AcceptsJwtAuthBody<RefreshRequest>().Produces<EmptyResponse>()
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
        MapPost(anonymous, "token/sliding/", TokenEndpoints.ObtainSlidingAsync, "Token Obtain Sliding").WithName(JwtAuthEndpointNames.ObtainSliding)
            .WithSummary("Log in: one sliding token for the user's credentials (a new session).")
            .AcceptsJwtAuthBody<ObtainRequest>().ProducesJwtAuthTokens(sliding: true);
        MapPost(anonymous, "token/sliding/refresh/", TokenEndpoints.RefreshSlidingAsync, "Token Refresh Sliding").WithName("JwtAuthRefreshSliding")
            .WithSummary("A new sliding token for a sliding token still within its refresh_exp.")
            .AcceptsJwtAuthBody<TokenFieldRequest>().ProducesJwtAuthTokens(sliding: true);

        var scheme = endpoints.ServiceProvider.GetRequiredService<JwtAuthBuilder>().SchemeName;
        var authenticated = group.MapGroup("").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = scheme })
            .WithTags(SessionsTag).ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
        MapPost(authenticated, "logout/", SessionEndpoints.LogoutAsync, "Logout").WithName("JwtAuthLogout")
            .WithSummary("Ends the bearer's session: every token of it is refused from the next request on.")
            .WithDescription("The body is optional; SimpleJWT clients send `refresh`, which must then belong to the same session (else 400).")
            .AcceptsJwtAuthBody<RefreshRequest>(isOptional: true).Produces(StatusCodes.Status205ResetContent)
            .ProducesJwtAuthProblem(StatusCodes.Status403Forbidden);
        MapPost(authenticated, "logout/all/", SessionEndpoints.LogoutAllAsync, "Logout All").WithName("JwtAuthLogoutAll")
            .WithSummary("Ends every session of the user.")
            .Produces(StatusCodes.Status205ResetContent).ProducesJwtAuthProblem(StatusCodes.Status403Forbidden);
        MapPost(authenticated, "logout/others/", SessionEndpoints.LogoutOthersAsync, "Logout Others").WithName("JwtAuthLogoutOthers")
            .WithSummary("Ends every session of the user but the bearer's.")
            .Produces(StatusCodes.Status205ResetContent).ProducesJwtAuthProblem(StatusCodes.Status403Forbidden);
        authenticated.MapMethods("sessions/", GetOrHead, SessionEndpoints.ListAsync).WithName("JwtAuthSessions")
            .WithSummary("The user's active sessions; `current` marks the bearer's.")
            .Produces<SessionResponse[]>();
        authenticated.MapViewOptions("sessions/", "Sessions", HttpMethods.Get, HttpMethods.Head);
        authenticated.MapDelete("sessions/{id}/", SessionEndpoints.DeleteAsync).WithName("JwtAuthDeleteSession")
            .WithSummary("Ends one of the user's sessions; another user's or an unknown id is 404.")
            .Produces(StatusCodes.Status204NoContent).ProducesJwtAuthProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
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
        group.WithTags(ServicesTag).ProducesJwtAuthProblem(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("revocations/", RevocationFeedEndpoint.GetAsync).WithName(JwtAuthEndpointNames.RevocationFeed)
            .WithSummary("The revocation log past `after` (at most `limit` entries); with `wait` seconds, a long poll while nothing is new.")
            .Produces<RevocationFeedPage>();
        group.MapPost("token/introspect/", IntrospectionEndpoint.IntrospectAsync).WithName(JwtAuthEndpointNames.Introspect)
            .WithSummary("Token introspection (RFC 7662): whether a token is active now, and its claims when it is.")
            .DescribesBody<ServiceTokenRequest>(isOptional: false, [ServiceFormContentType]).Produces<IntrospectionResponse>()
            .ProducesJwtAuthProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("token/revoke/", TokenRevocationEndpoint.RevokeAsync).WithName(JwtAuthEndpointNames.Revoke)
            .WithSummary("Token revocation (RFC 7009): ends the token's whole session; an invalid or revoked token answers 200 too.")
            .DescribesBody<ServiceTokenRequest>(isOptional: false, [ServiceFormContentType]).Produces(StatusCodes.Status200OK)
            .ProducesJwtAuthProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }
}
