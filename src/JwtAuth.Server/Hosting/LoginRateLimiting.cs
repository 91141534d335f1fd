using System.Threading.RateLimiting;
using JwtAuth.Problems;
using Microsoft.AspNetCore.RateLimiting;

using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// A per-client-address limit on logins (<c>RateLimiting:Enabled</c>, default on;
/// <c>RateLimiting:LoginPermitsPerMinute</c>, default 20). Refusals are 429 <c>throttled</c>.
/// </summary>
internal static class LoginRateLimiting
{
    public const string Policy = "login";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("RateLimiting:Enabled", true);

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:LoginPermitsPerMinute", 20);
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ServerProblems.Throttled()
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }
}
