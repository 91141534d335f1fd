using JwtAuth.EntityFrameworkCore.PostgreSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PostgreSQL propagation's health check.</summary>
public static class JwtAuthPostgreSqlHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is unhealthy while the <c>LISTEN</c> connection of
    /// <c>UsePostgreSqlRevocations</c> is down (revocations from other instances are then late by up to
    /// a catch-up interval). Requires <c>UsePostgreSqlRevocations</c>.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="tags">Tags for filtering, e.g. <c>"ready"</c>.</param>
    public static IHealthChecksBuilder AddJwtAuthPostgreSqlListener(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.AddCheck<PostgresListenerHealthCheck>("jwtauth_postgresql_listener", HealthStatus.Unhealthy, tags);
    }
}
