using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace JwtAuth.Services;

/// <summary>Reads <c>JwtAuth:Services:&lt;name&gt;:Secret</c> into <see cref="JwtAuthServicesOptions.Clients"/>.</summary>
internal sealed class JwtAuthServicesConfigureOptions(IConfiguration? configuration = null) : IConfigureOptions<JwtAuthServicesOptions>
{
    public void Configure(JwtAuthServicesOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        foreach (var service in configuration.GetSection(JwtAuthServicesOptions.ConfigurationSection).GetChildren())
        {
            options.Clients[service.Key] = new JwtAuthServiceClient { Secret = service[nameof(JwtAuthServiceClient.Secret)] };
        }
    }
}
