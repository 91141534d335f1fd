using JwtAuth.Revocation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JwtAuth's health checks to an application's health checks.</summary>
public static class JwtAuthHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the revocation catch-up check: unhealthy while this node's revocation registry may lag
    /// behind the shared revocation log by more than <c>JwtAuth:Revocation:MaxCatchUpLag</c> (the
    /// database does not answer), so that a session ended on another node could still be accepted
    /// here. Tag it for the readiness endpoint, not for liveness: a restart does not help.
    /// </summary>
    /// <param name="builder">The application's health checks.</param>
    /// <param name="tags">Tags for filtering, e.g. <c>"ready"</c>.</param>
    public static IHealthChecksBuilder AddJwtAuthRevocationCatchUp(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tags);
        return builder.AddCheck<RevocationCatchUpHealthCheck>("jwtauth_revocation_catch_up", HealthStatus.Unhealthy, tags);
    }
}
