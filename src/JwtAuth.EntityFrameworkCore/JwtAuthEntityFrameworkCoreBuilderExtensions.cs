using JwtAuth.Audit;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps JwtAuth's sessions in the application's EF Core database.</summary>
public static class JwtAuthEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Stores sessions, refresh tokens and the revocation log in <typeparamref name="TContext"/>,
    /// whose <c>OnModelCreating</c> calls <c>modelBuilder.UseJwtAuth()</c> and whose migrations
    /// include JwtAuth's tables. Concurrent writes of this process are group-committed: they share
    /// one transaction and one commit (see docs/scaling.md).
    /// </summary>
    public static JwtAuthBuilder UseEntityFrameworkCore<TContext>(this JwtAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<GroupCommitWriter<TContext>>();
        return builder.UseSessionStore<EntityFrameworkSessionStore<TContext>>();
    }

    /// <summary>
    /// Keeps the SimpleJWT refresh tokens an import brought over in <typeparamref name="TContext"/>,
    /// whose <c>OnModelCreating</c> also calls <c>modelBuilder.UseJwtAuthImportedRefreshTokens()</c>:
    /// each outstanding one is redeemed once for a session (see docs/migrating-from-simplejwt.md).
    /// </summary>
    public static JwtAuthBuilder UseImportedRefreshTokens<TContext>(this JwtAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseImportedRefreshTokens<EntityFrameworkImportedRefreshTokenStore<TContext>>();
    }

    /// <summary>
    /// Keeps the audit trail in <typeparamref name="TContext"/>, whose <c>OnModelCreating</c> also
    /// calls <c>modelBuilder.UseJwtAuthAuditTrail()</c>. With <c>UseEntityFrameworkCore</c> on the
    /// same context, a session's start and end and their events commit together.
    /// </summary>
    public static JwtAuthBuilder UseEntityFrameworkCoreAuditTrail<TContext>(this JwtAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditModelValidator<TContext>>());
        return builder.UseAuditStore<EntityFrameworkAuditEventStore<TContext>>();
    }
}
