using JwtAuth.Audit;
using JwtAuth.Authentication;
using JwtAuth.Cookies;
using JwtAuth.Flows;
using JwtAuth.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JwtAuth as one scheme among the application's own.</summary>
public static class JwtAuthAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds JwtAuth under <paramref name="scheme"/> without touching the application's default
    /// scheme; the JwtAuth endpoints authenticate with this scheme explicitly.
    /// </summary>
    public static JwtAuthBuilder AddJwtAuth(this AuthenticationBuilder builder, string scheme) => builder.AddJwtAuth(scheme, _ => { });

    /// <inheritdoc cref="AddJwtAuth(AuthenticationBuilder, string)"/>
    /// <param name="builder">The application's authentication builder.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="configureScheme">Sets the scheme's events (or <c>EventsType</c>).</param>
    public static JwtAuthBuilder AddJwtAuth(this AuthenticationBuilder builder, string scheme, Action<JwtAuthSchemeOptions> configureScheme)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(configureScheme);

        var jwtAuth = JwtAuthCoreServices.Add(builder.Services, scheme);
        builder.Services.Replace(ServiceDescriptor.Scoped<ITokenFlowEvents, SchemeTokenFlowEvents>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditCaller, HttpContextAuditCaller>());
        builder.Services.TryAddSingleton<BaseHandlerLoggerFactory>();
        builder.Services.AddOptions<JwtAuthCookieOptions>().BindConfiguration(JwtAuthCookieOptions.ConfigurationSection).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthCookieOptions>, JwtAuthCookieOptionsValidator>());
        builder.Services.AddOptions<JwtAuthServicesOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtAuthServicesOptions>, JwtAuthServicesConfigureOptions>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthServicesOptions>, JwtAuthServicesOptionsValidator>());
        builder.Services.TryAddSingleton<ServiceCredentials>();
        builder.AddScheme<JwtAuthSchemeOptions, JwtAuthHandler>(scheme, configureScheme);
        return jwtAuth;
    }
}
