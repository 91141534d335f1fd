using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JwtAuth.Server.Data;

/// <summary>
/// Unhealthy when the database does not answer or a migration this build knows is not applied (a
/// node started with <c>Database:MigrateOnStartup=false</c> before <c>migrate</c> ran): either way
/// logins and refreshes would fail here.
/// </summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied; run the migrate command.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the health-check log, never to the HTTP answer.
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
