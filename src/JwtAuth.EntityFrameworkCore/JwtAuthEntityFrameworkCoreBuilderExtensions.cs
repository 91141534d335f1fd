using JwtAuth.EntityFrameworkCore;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Keeps JwtAuth's sessions in the application's EF Core database.</summary>
public static class JwtAuthEntityFrameworkCoreBuilderExtensions
{
    /// <summary>
    /// Stores sessions, refresh tokens and the revocation log in <typeparamref name="TContext"/>,
    /// whose <c>OnModelCreating</c> calls <c>modelBuilder.UseJwtAuth()</c> and whose migrations
    /// include JwtAuth's tables.
    /// </summary>
    public static JwtAuthBuilder UseEntityFrameworkCore<TContext>(this JwtAuthBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseSessionStore<EntityFrameworkSessionStore<TContext>>();
    }
}
