using JwtAuth;
using JwtAuth.Configuration;
using JwtAuth.Diagnostics;
using JwtAuth.Flows;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the core once, for the host layer's <c>AddJwtAuth</c>.</summary>
internal static class JwtAuthCoreServices
{
    public static JwtAuthBuilder Add(IServiceCollection services, string schemeName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.FirstOrDefault(service => service.ServiceType == typeof(JwtAuthBuilder))?.ImplementationInstance as JwtAuthBuilder;
        if (registered is not null)
        {
            return registered.SchemeName == schemeName ? registered
                : throw new InvalidOperationException($"JwtAuth is already registered under the scheme '{registered.SchemeName}'; it can be added once.");
        }

        var builder = new JwtAuthBuilder(services, schemeName);
        services.AddSingleton(builder);
        AddRevocationFollowing(services);
        services.AddOptions<JwtAuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthOptions>, JwtAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthOptions>, JwtAuthRegistrationValidator>());
        services.TryAddSingleton<TokenServices>();
        services.TryAddScoped<IJwtAuthSessions, JwtAuthSessions>();
        services.TryAddScoped<ITokenFlowEvents, NoTokenFlowEvents>();
        services.TryAddScoped<ActiveUsers>();
        services.TryAddScoped<TokenMinter>();
        services.TryAddScoped<RefreshTokenLookup>();
        services.TryAddScoped<ReusedRefreshTokens>();
        services.TryAddScoped<ImportedRefreshTokens>();
        services.TryAddScoped<ObtainFlow>();
        services.TryAddScoped<RefreshFlow>();
        services.TryAddScoped<VerifyFlow>();
        services.TryAddScoped<BlacklistFlow>();
        services.TryAddScoped<SlidingRefreshFlow>();
        services.TryAddScoped<LogoutFlow>();
        // One instance: the hosted loop, and what the readiness check reads.
        services.TryAddSingleton<RevocationSync>();
        services.AddHostedService(sp => sp.GetRequiredService<RevocationSync>());
        return builder;
    }

    /// <summary>
    /// What a server node and a resource server share: the token settings and the catch-up timings
    /// bound from configuration, the clock, the registry and the catch-up that fills it.
    /// </summary>
    public static void AddRevocationFollowing(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RevocationSyncOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<JwtAuthOptions>>(sp =>
            new SectionConfigureOptions<JwtAuthOptions>(sp.GetService<IConfiguration>(), JwtAuthOptions.ConfigurationSection));
        services.AddSingleton<IConfigureOptions<RevocationSyncOptions>>(sp =>
            new SectionConfigureOptions<RevocationSyncOptions>(sp.GetService<IConfiguration>(), RevocationSyncOptions.ConfigurationSection));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtAuthOptions>, JwtAuthPostConfigureOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RevocationSyncOptions>, RevocationSyncOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RevocationRegistry>();
        services.TryAddSingleton<UserChangeNotifier>();
        services.TryAddSingleton<RevocationCatchUp>();
        // The handler counts what it refuses, on the server and on resource servers alike.
        services.AddMetrics();
        services.TryAddSingleton<JwtAuthMetrics>();
    }
}
