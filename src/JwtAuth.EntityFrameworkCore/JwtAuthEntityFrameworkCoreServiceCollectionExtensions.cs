using JwtAuth.EntityFrameworkCore;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers JwtAuth's EF Core stores.</summary>
public static class JwtAuthEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Stores sessions, refresh tokens and the revocation log in <typeparamref name="TContext"/>,
    /// whose <c>OnModelCreating</c> calls <c>modelBuilder.UseJwtAuth()</c>.
    /// </summary>
    public static IServiceCollection AddJwtAuthEntityFrameworkCore<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<ISessionStore, EntityFrameworkSessionStore<TContext>>();
        return services;
    }
}
