using JwtAuth.EntityFrameworkCore.PostgreSql;
using JwtAuth.Revocation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>PostgreSQL's <c>LISTEN</c> on the revocation channel, for processes that only follow the log.</summary>
public static class JwtAuthPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Listens on the revocation channel of the JwtAuth database and wakes whatever follows the
    /// revocation log (<see cref="IRevocationSignal"/>) as soon as any JwtAuth node writes to it:
    /// the server's nodes (through <c>UsePostgreSqlRevocations</c>), or a resource server using
    /// JwtAuth.Validation that can reach the database, which then reads the feed when PostgreSQL
    /// announces an entry instead of holding a request open on the server. The listener reconnects
    /// on its own, and every (re)connection wakes the follower, so nothing written meanwhile waits.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the connection string (required) and the listener's timings.</param>
    public static IServiceCollection AddJwtAuthPostgreSqlNotifications(this IServiceCollection services, Action<PostgresRevocationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgresRevocationOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "PostgresRevocationOptions.ConnectionString is required.")
            .Validate(options => options.ReconnectDelay > TimeSpan.Zero && options.MaxReconnectDelay >= options.ReconnectDelay, "ReconnectDelay must be positive and at most MaxReconnectDelay.")
            .Validate(options => options.KeepAliveInterval > TimeSpan.Zero, "KeepAliveInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<PostgresRevocationListener>();
        services.TryAddSingleton<IRevocationSignal>(sp => sp.GetRequiredService<PostgresRevocationListener>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresRevocationListener>());
        return services;
    }
}
