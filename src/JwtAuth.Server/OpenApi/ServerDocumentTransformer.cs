using System.Reflection;
using JwtAuth.Server.Hosting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JwtAuth.Server.OpenApi;

/// <summary>
/// What the document says of the server as a whole: its title, version and conventions; the
/// health endpoints, which are not route handlers and so are not described by the generator; the
/// routes' trailing slashes, which the generator drops; and no <c>HEAD</c> beside a <c>GET</c>,
/// which is the same answer without its body.
/// </summary>
internal sealed class ServerDocumentTransformer(EndpointDataSource endpoints) : IOpenApiDocumentTransformer
{
    private static readonly string Description =
        "JwtAuth: JWT authentication with the wire contract of Django REST Framework SimpleJWT, where a logout takes effect at once, for access tokens too.\n\n"
        + "Every error is `application/problem+json` (RFC 9457, schema `JwtAuthProblem`) with SimpleJWT's `detail` and a stable `code`; "
        + "a 400 `invalid` names each field's errors under `errors`. Request bodies may be JSON, `application/x-www-form-urlencoded` or "
        + $"`multipart/form-data` (at most {JwtAuthDefaults.MaxRequestBodyBytes / 1024} KiB), as DRF's parsers read them. Every view also answers `OPTIONS` with DRF's metadata, "
        + "and every `GET` answers `HEAD`. Logins, refreshes, registrations and password changes are rate limited (429 `throttled`, with `Retry-After`) "
        + "when the server's rate limiting is on.";

    private static readonly string Version =
        typeof(ServerDocumentTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "JwtAuth", Version = Version, Description = Description };
        foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (path.Operations is { } operations && operations.ContainsKey(HttpMethod.Get))
            {
                operations.Remove(HttpMethod.Head);
            }
        }

        // SimpleJWT's routes end in a slash, and a client generated from the document should call them as mapped.
        var slashed = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => "/" + endpoint.RoutePattern.RawText?.TrimStart('/'))
            .Where(pattern => pattern.Length > 1 && pattern.EndsWith('/'))
            .ToHashSet(StringComparer.Ordinal);
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            paths[slashed.Contains(path + "/") ? path + "/" : path] = item;
        }

        document.Paths = paths;
        ServerHealthChecks.Describe(document);
        return Task.CompletedTask;
    }
}
