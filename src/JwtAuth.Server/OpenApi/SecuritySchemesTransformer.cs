using JwtAuth.Cookies;
using JwtAuth.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace JwtAuth.Server.OpenApi;

/// <summary>
/// How callers authenticate, in the document: the <c>bearer</c> scheme (and in cookie mode the
/// <c>cookie</c> scheme) on every endpoint that requires authorization, HTTP Basic
/// (<c>service</c>) on the service endpoints, nothing on anonymous ones.
/// </summary>
internal sealed class SecuritySchemesTransformer(IOptions<JwtAuthCookieOptions> cookies) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";
    public const string Service = "service";

    // Anonymous to the authorization middleware: ServiceCredentials checks their Basic credentials in a filter.
    private static readonly HashSet<string> ServiceEndpoints =
        [JwtAuthEndpointNames.RevocationFeed, JwtAuthEndpointNames.Introspect, JwtAuthEndpointNames.Revoke];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemes = (document.Components ??= new OpenApiComponents()).SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        schemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access (or sliding) token: `Authorization: Bearer <token>`.",
        };
        schemes[Service] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "A service's id and secret (`JwtAuth:Services`), for the service endpoints only; a bearer token is not accepted there.",
        };
        var options = cookies.Value;
        if (options.Enabled)
        {
            schemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = options.AccessCookieName,
                Description = $"Cookie mode: the access token's cookie, set by obtain and refresh when asked with `{JwtAuthCookieOptions.TransportHeaderName}: cookie`. "
                    + $"An unsafe request (POST, PUT, PATCH, DELETE) it authenticates must also send the `{options.CsrfHeaderName}` header (any value) "
                    + "from the server's own or a trusted origin, else 403 `csrf_failed`.",
            };
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        string[] schemes = metadata.OfType<IEndpointNameMetadata>().Any(name => ServiceEndpoints.Contains(name.EndpointName)) ? [Service]
            : metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any()
                ? cookies.Value.Enabled ? [Bearer, Cookie] : [Bearer]
                : [];
        if (schemes.Length > 0)
        {
            // One requirement per scheme: any one of them is enough.
            operation.Security = [.. schemes.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] })];
        }

        return Task.CompletedTask;
    }
}
