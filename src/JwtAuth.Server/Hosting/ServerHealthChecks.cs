using JwtAuth.Server.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers, the
/// migrations are applied, the revocation log has been read recently, and on PostgreSQL the
/// <c>LISTEN</c> connection is up). Both answer without authentication and say only
/// <c>Healthy</c> or <c>Unhealthy</c> (200 or 503); the reasons go to the log.
/// </summary>
internal static class ServerHealthChecks
{
    private const string Ready = "ready";
    private const string LivePath = "/health/live";
    private const string ReadyPath = "/health/ready";
    private const string Tag = "Health";

    public static void AddServerHealthChecks(this IServiceCollection services, DatabaseProvider provider)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddJwtAuthRevocationCatchUp(Ready);
        if (provider == DatabaseProvider.Postgres)
        {
            checks.AddJwtAuthPostgreSqlListener(Ready);
        }
    }

    public static void MapServerHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }

    /// <summary>
    /// Adds both checks to an API description: they are middleware endpoints, not route handlers,
    /// so the generator does not see them. They answer any method; probes use <c>GET</c>.
    /// </summary>
    public static void Describe(OpenApiDocument document)
    {
        (document.Tags ??= new HashSet<OpenApiTag>()).Add(new OpenApiTag { Name = Tag });
        document.Paths[LivePath] = Check(document, "Whether the process answers.");
        document.Paths[ReadyPath] = Check(document, "Whether the node can serve: database reachable and migrated, revocation log read recently, PostgreSQL LISTEN up.");
    }

    private static OpenApiPathItem Check(OpenApiDocument document, string summary) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Summary = summary,
                Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
                Responses = new OpenApiResponses
                {
                    ["200"] = Status(nameof(HealthStatus.Healthy)),
                    ["503"] = Status(nameof(HealthStatus.Unhealthy)),
                },
            },
        },
    };

    private static OpenApiResponse Status(string status) => new()
    {
        Description = status,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(status)] } },
        },
    };
}
