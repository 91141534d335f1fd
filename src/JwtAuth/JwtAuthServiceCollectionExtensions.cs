using JwtAuth;
using JwtAuth.Authentication;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers JwtAuth.</summary>
public static class JwtAuthServiceCollectionExtensions
{
    /// <summary>Adds JwtAuth with options bound from the <c>JwtAuth</c> configuration section.</summary>
    public static AuthenticationBuilder AddJwtAuth(this IServiceCollection services) => services.AddJwtAuth(_ => { });

    /// <summary>
    /// Adds JwtAuth as the default authentication scheme, with options bound from the <c>JwtAuth</c>
    /// configuration section and then <paramref name="configure"/>; validated at start-up. The host
    /// also registers an <see cref="ISessionStore"/> (for example <c>AddJwtAuthEntityFrameworkCore</c>)
    /// and an <see cref="JwtAuth.Users.IJwtAuthUserService"/>.
    /// </summary>
    public static AuthenticationBuilder AddJwtAuth(this IServiceCollection services, Action<JwtAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<JwtAuthOptions>(JwtAuthDefaults.AuthenticationScheme)
            .BindConfiguration(JwtAuthDefaults.ConfigurationSection)
            .ValidateOnStart();
        services.AddOptions<RevocationSyncOptions>()
            .BindConfiguration(JwtAuthDefaults.ConfigurationSection + ":Revocation");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthOptions>, JwtAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtAuthOptions>, JwtAuthPostConfigureOptions>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TokenServices>();
        services.TryAddSingleton<RevocationRegistry>();
        services.TryAddScoped<IJwtAuthSessions, JwtAuthSessions>();
        services.TryAddScoped<JwtAuthTokenService>();
        services.AddHostedService<RevocationSync>();

        return services.AddAuthentication(JwtAuthDefaults.AuthenticationScheme)
            .AddScheme<JwtAuthOptions, JwtAuthHandler>(JwtAuthDefaults.AuthenticationScheme, configure);
    }
}
