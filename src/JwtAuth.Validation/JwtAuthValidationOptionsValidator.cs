using JwtAuth.Configuration;
using JwtAuth.Tokens;
using Microsoft.Extensions.Options;

namespace JwtAuth.Validation;

/// <summary>Refuses, at start-up, a resource server configuration that cannot work.</summary>
internal sealed class JwtAuthValidationOptionsValidator(IOptions<JwtAuthOptions> tokens) : IValidateOptions<JwtAuthValidationOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthValidationOptions options)
    {
        const string Section = JwtAuthValidationOptions.ConfigurationSection;
        var errors = new List<string>(((IHasBindingErrors)options).BindingErrors);
        if (options.Authority is not { IsAbsoluteUri: true } authority)
        {
            errors.Add($"{Section}:Authority must be the JwtAuth server's absolute base URL.");
        }
        else if (options.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{Section}:Authority must use https (or set RequireHttpsMetadata to false, for development only).");
        }

        if (string.IsNullOrEmpty(options.ServiceName) || string.IsNullOrEmpty(options.ServiceSecret))
        {
            errors.Add($"{Section}:ServiceName and ServiceSecret must be set: the service credentials the server knows this service by.");
        }

        if (options.FeedWait < TimeSpan.FromSeconds(1) || options.FeedWait > TimeSpan.FromSeconds(55))
        {
            errors.Add($"{Section}:FeedWait must be from 1 to 55 seconds.");
        }

        if (options.FeedUnavailableAfter <= options.FeedWait)
        {
            errors.Add($"{Section}:FeedUnavailableAfter must be longer than FeedWait ({options.FeedWait}).");
        }

        if (options.RetryDelay < TimeSpan.FromMilliseconds(10))
        {
            errors.Add($"{Section}:RetryDelay must be at least 10ms.");
        }

        if (options.KeysRefreshInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{Section}:KeysRefreshInterval must be at least 1 second.");
        }

        var settings = tokens.Value;
        errors.AddRange(((IHasBindingErrors)settings).BindingErrors);
        if (!TokenAlgorithms.IsKnown(settings.Algorithm))
        {
            errors.Add($"JwtAuth:Algorithm '{settings.Algorithm}' is not supported; use one of {string.Join(", ", TokenAlgorithms.All)}.");
        }
        else if (TokenAlgorithms.IsHmac(settings.Algorithm) && string.IsNullOrEmpty(settings.SigningKey))
        {
            errors.Add($"JwtAuth:SigningKey must be set to the server's key: {settings.Algorithm} keys are secret, so the authority does not publish them.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
