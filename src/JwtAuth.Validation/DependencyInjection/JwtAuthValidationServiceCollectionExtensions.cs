using JwtAuth;
using JwtAuth.Authentication;
using JwtAuth.Configuration;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using JwtAuth.Validation;
using JwtAuth.Validation.Feed;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds JwtAuth token validation to a resource server that does not hold JwtAuth's database.</summary>
public static class JwtAuthValidationServiceCollectionExtensions
{
    /// <summary>
    /// Authenticates requests with JwtAuth's tokens under the scheme
    /// <see cref="JwtAuthDefaults.AuthenticationScheme"/> (the default scheme unless the application
    /// has one), with the server's own handler: keys from the authority's discovery document, and
    /// revocations from the server's feed, applied as soon as the server has them. Settings are bound
    /// from <c>JwtAuth:Validation</c> (and the token settings from <c>JwtAuth</c>); a health check
    /// named <see cref="JwtAuthValidationDefaults.HealthCheckName"/> reports the feed.
    /// </summary>
    public static AuthenticationBuilder AddJwtAuthValidation(this IServiceCollection services) => services.AddJwtAuthValidation(_ => { });

    /// <inheritdoc cref="AddJwtAuthValidation(IServiceCollection)"/>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the settings after they are bound from configuration.</param>
    public static AuthenticationBuilder AddJwtAuthValidation(this IServiceCollection services, Action<JwtAuthValidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return services
            .AddAuthentication(options => options.DefaultScheme ??= JwtAuthDefaults.AuthenticationScheme)
            .AddJwtAuthValidation(JwtAuthDefaults.AuthenticationScheme, configure);
    }

    /// <summary>Adds JwtAuth token validation under <paramref name="scheme"/>, without touching the application's default scheme.</summary>
    /// <param name="builder">The application's authentication builder.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="configure">Changes the settings after they are bound from configuration.</param>
    public static AuthenticationBuilder AddJwtAuthValidation(this AuthenticationBuilder builder, string scheme, Action<JwtAuthValidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(configure);

        var services = builder.Services;
        JwtAuthCoreServices.AddRevocationFollowing(services);
        services.AddOptions<JwtAuthValidationOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<JwtAuthValidationOptions>>(sp =>
            new SectionConfigureOptions<JwtAuthValidationOptions>(sp.GetService<IConfiguration>(), JwtAuthValidationOptions.ConfigurationSection));
        services.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JwtAuthValidationOptions>, JwtAuthValidationOptionsValidator>());

        services.AddHttpClient(JwtAuthValidationDefaults.HttpClientName);
        services.TryAddSingleton(CreateTokenServices);
        services.TryAddSingleton<RevocationFeedClient>();
        services.TryAddSingleton<RevocationFeedFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<RevocationFeedFollower>());
        services.AddHealthChecks().AddCheck<RevocationFeedHealthCheck>(JwtAuthValidationDefaults.HealthCheckName);
        services.TryAddSingleton<BaseHandlerLoggerFactory>();
        builder.AddScheme<JwtAuthSchemeOptions, JwtAuthHandler>(scheme, _ => { });
        return builder;
    }

    // HMAC keys are secret and configured here as on the server; other keys are the authority's,
    // read from its discovery document and refreshed as JwtBearer refreshes them.
    private static TokenServices CreateTokenServices(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<JwtAuthOptions>>().Value;
        var validation = services.GetRequiredService<IOptions<JwtAuthValidationOptions>>().Value;
        TokenKeys keys;
        if (TokenAlgorithms.IsHmac(settings.Algorithm))
        {
            keys = TokenKeys.Create(settings);
        }
        else
        {
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(JwtAuthValidationDefaults.HttpClientName);
            var discovery = validation.Authority!.ToString().TrimEnd('/') + "/.well-known/openid-configuration";
            var authority = new ConfigurationManager<OpenIdConnectConfiguration>(
                discovery,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(http) { RequireHttps = validation.RequireHttpsMetadata })
            {
                AutomaticRefreshInterval = validation.KeysRefreshInterval,
            };
            keys = TokenKeys.FromAuthority(settings.Algorithm, authority);
        }

        return new TokenServices(settings, keys, services.GetRequiredService<RevocationRegistry>(), services.GetRequiredService<TimeProvider>());
    }
}
