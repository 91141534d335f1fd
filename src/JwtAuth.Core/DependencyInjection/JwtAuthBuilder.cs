using JwtAuth;
using JwtAuth.Audit;
using JwtAuth.Configuration;
using JwtAuth.Import;
using JwtAuth.Sessions;
using JwtAuth.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <c>AddJwtAuth()</c> returns: the pieces JwtAuth needs are added here (a user service, a
/// session store), and start-up fails with the name of the method that adds a missing one.
/// </summary>
public sealed class JwtAuthBuilder
{
    internal JwtAuthBuilder(IServiceCollection services, string schemeName)
    {
        Services = services;
        SchemeName = schemeName;
    }

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The authentication scheme JwtAuth is registered under.</summary>
    public string SchemeName { get; }

    /// <summary>Changes the settings after they are bound from the <c>JwtAuth</c> configuration section.</summary>
    public JwtAuthBuilder Configure(Action<JwtAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Where JwtAuth finds users: the host's user database.</summary>
    public JwtAuthBuilder UseUsers<TService>()
        where TService : class, IJwtAuthUserService
    {
        Services.Replace(ServiceDescriptor.Scoped<IJwtAuthUserService, TService>());
        return this;
    }

    /// <summary>
    /// Where sessions, refresh tokens and the revocation log are kept, for a store of the host's own;
    /// <c>UseEntityFrameworkCore</c> adds the one JwtAuth ships.
    /// </summary>
    public JwtAuthBuilder UseSessionStore<TStore>()
        where TStore : class, ISessionStore
    {
        Services.Replace(ServiceDescriptor.Scoped<ISessionStore, TStore>());
        return this;
    }

    /// <summary>
    /// Where the SimpleJWT refresh tokens an import brought over are kept: a refresh token without a
    /// <c>sid</c> that is outstanding there is redeemed once for a JwtAuth session. Without one such
    /// tokens are refused as unknown.
    /// </summary>
    public JwtAuthBuilder UseImportedRefreshTokens<TStore>()
        where TStore : class, IImportedRefreshTokenStore
    {
        Services.Replace(ServiceDescriptor.Scoped<IImportedRefreshTokenStore, TStore>());
        return this;
    }

    /// <summary>
    /// Keeps an audit trail of security events in <typeparamref name="TStore"/>: logins, refused
    /// logins, refresh token reuse, ended sessions (with the reason) and what the host records
    /// through <see cref="IAuditTrail"/>; pruned after <c>JwtAuth:Audit:Retention</c>.
    /// <c>UseEntityFrameworkCoreAuditTrail</c> adds the store JwtAuth ships. In an ASP.NET Core
    /// host the events carry the request's client address, user agent and authenticated user.
    /// </summary>
    public JwtAuthBuilder UseAuditStore<TStore>()
        where TStore : class, IAuditEventStore
    {
        Services.Replace(ServiceDescriptor.Scoped<IAuditEventStore, TStore>());
        if (Services.Any(service => service.ServiceType == typeof(AuditPruning)))
        {
            return this;
        }

        Services.TryAddScoped<AuditTrail>();
        Services.TryAddScoped<IAuditTrail>(sp => sp.GetRequiredService<AuditTrail>());
        Services.TryAddSingleton<IAuditCaller, UnknownAuditCaller>();
        Services.AddOptions<AuditOptions>().ValidateOnStart();
        Services.AddSingleton<IConfigureOptions<AuditOptions>>(sp =>
            new SectionConfigureOptions<AuditOptions>(sp.GetService<IConfiguration>(), AuditOptions.ConfigurationSection));
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        Services.AddSingleton<AuditPruning>();
        Services.AddHostedService(sp => sp.GetRequiredService<AuditPruning>());

        return this;
    }

    /// <summary>
    /// Adds <typeparamref name="TObserver"/> (a singleton, resolvable as itself) to the observers
    /// told when a user's account changes, on this node or, through the revocation log, on another.
    /// </summary>
    public JwtAuthBuilder AddUserChangeObserver<TObserver>()
        where TObserver : class, IUserChangeObserver
    {
        Services.TryAddSingleton<TObserver>();
        if (!Services.Any(service => service.ServiceType == typeof(IUserChangeObserver) && service.ImplementationFactory?.Target is ObserverRegistration { Type: var type } && type == typeof(TObserver)))
        {
            Services.AddSingleton<IUserChangeObserver>(new ObserverRegistration(typeof(TObserver)).Resolve);
        }

        return this;
    }

    /// <summary>Forwards <see cref="IUserChangeObserver"/> to the one <see cref="Type"/> singleton, and says which it is.</summary>
    private sealed record ObserverRegistration(Type Type)
    {
        public IUserChangeObserver Resolve(IServiceProvider services) => (IUserChangeObserver)services.GetRequiredService(Type);
    }
}
