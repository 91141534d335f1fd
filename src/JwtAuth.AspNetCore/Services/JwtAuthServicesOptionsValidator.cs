using Microsoft.Extensions.Options;

namespace JwtAuth.Services;

/// <summary>Refuses, at start-up, a service whose secret is missing or short enough to guess.</summary>
internal sealed class JwtAuthServicesOptionsValidator : IValidateOptions<JwtAuthServicesOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthServicesOptions options)
    {
        var errors = new List<string>();
        foreach (var (service, client) in options.Clients)
        {
            if (string.IsNullOrEmpty(service) || service.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"{JwtAuthServicesOptions.ConfigurationSection}: a service name must be non-empty and hold no ':' ('{service}').");
            }

            if (client.Secret is null || client.Secret.Length < JwtAuthServicesOptions.MinimumSecretLength)
            {
                errors.Add($"{JwtAuthServicesOptions.ConfigurationSection}:{service}:Secret must be set, at least {JwtAuthServicesOptions.MinimumSecretLength} characters.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
