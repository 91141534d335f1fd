using JwtAuth.EntityFrameworkCore;
using JwtAuth.EntityFrameworkCore.PostgreSql;
using JwtAuth.Revocation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PostgreSQL propagation of revocations between instances.</summary>
public static class JwtAuthPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Makes every instance on one PostgreSQL database hear the others' revocations within
    /// milliseconds: log writes send <c>pg_notify</c> in their transaction, and a listening
    /// connection wakes the catch-up loop. Polling every <see cref="RevocationSyncOptions.CatchUpInterval"/>
    /// stays as the safety net. Call it after <c>AddJwtAuthEntityFrameworkCore</c> on a context
    /// configured with <c>UseNpgsql</c>.
    /// </summary>
    public static IServiceCollection AddJwtAuthPostgreSqlRevocations(this IServiceCollection services, string connectionString) =>
        services.AddJwtAuthPostgreSqlRevocations(options => options.ConnectionString = connectionString);

    /// <inheritdoc cref="AddJwtAuthPostgreSqlRevocations(IServiceCollection, string)"/>
    public static IServiceCollection AddJwtAuthPostgreSqlRevocations(this IServiceCollection services, Action<PostgresRevocationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgresRevocationOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "PostgresRevocationOptions.ConnectionString is required.")
            .Validate(options => options.ReconnectDelay > TimeSpan.Zero && options.MaxReconnectDelay >= options.ReconnectDelay, "ReconnectDelay must be positive and at most MaxReconnectDelay.")
            .Validate(options => options.KeepAliveInterval > TimeSpan.Zero, "KeepAliveInterval must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IRevocationLogWriteHook, PostgresRevocationNotifier>();
        services.TryAddSingleton<PostgresRevocationListener>();
        services.TryAddSingleton<IRevocationSignal>(sp => sp.GetRequiredService<PostgresRevocationListener>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresRevocationListener>());
        return services;
    }
}
