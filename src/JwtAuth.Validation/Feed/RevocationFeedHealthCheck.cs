using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace JwtAuth.Validation.Feed;

/// <summary>
/// Reports the revocation feed: healthy while it answers; once it has been out of reach longer
/// than the bound, unhealthy when tokens are refused (fail closed), degraded when they are still
/// accepted (fail open).
/// </summary>
internal sealed class RevocationFeedHealthCheck(
    RevocationFeedFollower follower,
    TimeProvider time,
    IOptions<JwtAuthValidationOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var contact = follower.LastContact;
        var data = new Dictionary<string, object> { ["last_contact"] = contact?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never" };
        if (!follower.IsUnavailableAt(time.GetUtcNow()))
        {
            return Task.FromResult(HealthCheckResult.Healthy("The revocation feed answers.", data));
        }

        var bound = options.Value.FeedUnavailableAfter;
        return Task.FromResult(options.Value.WhenFeedUnavailable == FeedUnavailableBehavior.RefuseTokens
            ? HealthCheckResult.Unhealthy($"The revocation feed has been out of reach for more than {bound}; every token is refused (fail closed).", data: data)
            : HealthCheckResult.Degraded($"The revocation feed has been out of reach for more than {bound}; tokens are accepted without the revocations made since (fail open).", data: data));
    }
}
