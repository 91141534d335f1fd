using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Hosting;

/// <summary>Refuses a generated development key outside the Development environment.</summary>
internal sealed class DevelopmentSigningKeyValidator(IHostEnvironment environment) : IValidateOptions<JwtAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthOptions options) =>
        options.SigningKey?.StartsWith(DevelopmentSigningKey.Prefix, StringComparison.Ordinal) == true && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail($"JwtAuth:SigningKey is a development key, refused in the '{environment.EnvironmentName}' environment. "
                + "Configure a real secret (environment JwtAuth__SigningKey).")
            : ValidateOptionsResult.Success;
}
