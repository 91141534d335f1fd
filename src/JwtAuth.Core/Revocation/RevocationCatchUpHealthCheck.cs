using JwtAuth.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>
/// Unhealthy when this node's registry may lag behind the shared revocation log by more than
/// <see cref="RevocationSyncOptions.MaxCatchUpLag"/>: a session ended on another node might still be
/// accepted here, so a load balancer should stop sending this node traffic until it catches up.
/// </summary>
internal sealed class RevocationCatchUpHealthCheck(RevocationSync sync, TokenServices tokens, IOptions<RevocationSyncOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lag = sync.LagAt(tokens.Time.GetUtcNow());
        var bound = options.Value.MaxCatchUpLag;
        return Task.FromResult(lag <= bound
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(lag == TimeSpan.MaxValue
                ? "The revocation log has not been read yet."
                : $"The revocation log was last read to its end {lag.TotalSeconds:0.#} s ago (bound {bound.TotalSeconds:0.#} s)."));
    }
}
