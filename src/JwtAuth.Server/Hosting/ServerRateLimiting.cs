using System.Globalization;
using System.Threading.RateLimiting;
using JwtAuth.Endpoints;
using JwtAuth.Problems;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Problems;
using JwtAuth.Server.Telegram;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// The server's rate limits (<see cref="ServerRateLimitOptions"/>) on ASP.NET Core's rate limiting
/// middleware: which endpoints are limited as what, the keys read from their bodies, and the answer
/// to a refused request (429 <c>throttled</c>, or 503 when the node's hashing slots are all taken,
/// with <c>Retry-After</c> in seconds).
/// </summary>
internal static class ServerRateLimiting
{
    /// <summary>The library names the sliding refresh endpoint so but has no constant for it.</summary>
    private const string RefreshSlidingName = "JwtAuthRefreshSliding";

    public static IServiceCollection AddServerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerRateLimitOptions>().Bind(configuration.GetSection(ServerRateLimitOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServerRateLimitOptions>, ServerRateLimitOptionsValidator>());
        services.AddSingleton<ServerRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ServerRateLimiter>((limiter, server) =>
        {
            limiter.GlobalLimiter = server;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>Marks the limited endpoints of <paramref name="api"/> by their names (known only once each is built).</summary>
    public static void LimitEndpoints(RouteGroupBuilder api) =>
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            RateLimitedOperation? operation = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName switch
            {
                JwtAuthEndpointNames.Obtain or JwtAuthEndpointNames.ObtainSliding => RateLimitedOperation.Login,
                JwtAuthEndpointNames.Refresh => RateLimitedOperation.Refresh,
                RefreshSlidingName => RateLimitedOperation.RefreshSliding,
                TelegramEndpoints.LoginWidgetName or TelegramEndpoints.LoginWidgetSlidingName
                    or TelegramEndpoints.MiniAppName or TelegramEndpoints.MiniAppSlidingName => RateLimitedOperation.TelegramLogin,
                AccountEndpoints.RegisterName => RateLimitedOperation.Register,
                AccountEndpoints.PasswordChangeName => RateLimitedOperation.PasswordChange,
                _ => null,
            };
            if (operation is { } limited)
            {
                endpoint.Metadata.Add(new RateLimitedEndpoint(limited));
                endpoint.Metadata.Add(JwtAuthProblems.ResponseMetadata(StatusCodes.Status429TooManyRequests));
            }
        });

    /// <summary>
    /// The limiter runs on the limited endpoints only, after authentication (a password change is
    /// limited per user) and after the body keys have been read (a login per account, a refresh per session).
    /// </summary>
    public static void UseServerRateLimiting(this WebApplication app) =>
        app.UseWhen(http => ServerRateLimiter.OperationOf(http) is not null, limited =>
        {
            limited.Use(async (http, next) =>
            {
                await RateLimitKeys.ReadAsync(http);
                await next(http);
            });
            limited.UseRateLimiter();
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = context.Lease is ServerLease { IsBusy: true } ? ServerProblems.Busy() : ServerProblems.Throttled();
        await problem.ExecuteAsync(context.HttpContext);
    }
}
