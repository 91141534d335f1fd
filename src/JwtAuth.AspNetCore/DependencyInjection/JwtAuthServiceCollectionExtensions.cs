using JwtAuth;
using Microsoft.AspNetCore.Authentication;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JwtAuth to an application's services.</summary>
public static class JwtAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds JwtAuth under the scheme <see cref="JwtAuthDefaults.AuthenticationScheme"/>, with settings
    /// bound from the <c>JwtAuth</c> configuration section. It becomes the default authentication
    /// scheme only when the application has none; to keep another default (cookies, say) use
    /// <c>services.AddAuthentication(...).AddJwtAuth(scheme)</c>. Add the users and the session
    /// store on the builder it returns; start-up names any piece that is missing.
    /// </summary>
    public static JwtAuthBuilder AddJwtAuth(this IServiceCollection services) => services.AddJwtAuth(_ => { });

    /// <inheritdoc cref="AddJwtAuth(IServiceCollection)"/>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the settings after they are bound from configuration.</param>
    public static JwtAuthBuilder AddJwtAuth(this IServiceCollection services, Action<JwtAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services
            .AddAuthentication(options => options.DefaultScheme ??= JwtAuthDefaults.AuthenticationScheme)
            .AddJwtAuth(JwtAuthDefaults.AuthenticationScheme)
            .Configure(configure);
    }
}
