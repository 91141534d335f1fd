using JwtAuth.Server.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

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
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) }).AllowAnonymous();
    }
}
