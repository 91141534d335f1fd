using JwtAuth.EntityFrameworkCore;
using JwtAuth.EntityFrameworkCore.PostgreSql;
using JwtAuth.Revocation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes instances on one PostgreSQL database hear each other's revocations at once.</summary>
public static class JwtAuthPostgreSqlBuilderExtensions
{
    /// <summary>
    /// Every instance on one PostgreSQL database hears the others' revocations within
    /// milliseconds: log writes send <c>pg_notify</c> in their transaction, and a listening
    /// connection wakes the catch-up loop. Polling every <see cref="RevocationSyncOptions.CatchUpInterval"/>
    /// stays as the safety net. Refresh-token rotation becomes one statement, one round trip. Use it
    /// with <c>UseEntityFrameworkCore</c> on a context configured with <c>UseNpgsql</c>.
    /// </summary>
    public static JwtAuthBuilder UsePostgreSqlRevocations(this JwtAuthBuilder builder, string connectionString) =>
        builder.UsePostgreSqlRevocations(options => options.ConnectionString = connectionString);

    /// <inheritdoc cref="UsePostgreSqlRevocations(JwtAuthBuilder, string)"/>
    public static JwtAuthBuilder UsePostgreSqlRevocations(this JwtAuthBuilder builder, Action<PostgresRevocationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        services.AddJwtAuthPostgreSqlNotifications(configure);
        services.TryAddSingleton<IRevocationLogWriteHook, PostgresRevocationNotifier>();
        services.TryAddSingleton<IRotationStatement, PostgresRotationStatement>();
        return builder;
    }
}
