using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Unhealthy while the <c>LISTEN</c> connection is down: revocations made on other instances then
/// arrive only at the next catch-up round instead of within milliseconds.
/// </summary>
internal sealed class PostgresListenerHealthCheck(PostgresRevocationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The PostgreSQL LISTEN connection for revocations is down; it reconnects on its own."));
}
