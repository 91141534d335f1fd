using Microsoft.Extensions.Options;

namespace JwtAuth.Cookies;

/// <summary>Refuses, at start-up, cookie settings a browser would reject or that weaken the mode.</summary>
internal sealed class JwtAuthCookieOptionsValidator : IValidateOptions<JwtAuthCookieOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthCookieOptions options)
    {
        var errors = new List<string>();
        const string Section = JwtAuthCookieOptions.ConfigurationSection;
        if (!IsCookieName(options.AccessCookieName) || !IsCookieName(options.RefreshCookieName) || options.AccessCookieName == options.RefreshCookieName)
        {
            errors.Add($"{Section}:AccessCookieName and RefreshCookieName must be two different cookie names (letters, digits and - _ . only).");
        }

        if (options.RefreshCookieName.StartsWith("__Host-", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:RefreshCookieName cannot take the __Host- prefix: browsers require Path=/ for it, and the refresh cookie is limited to the refresh endpoint's path (use __Secure-).");
        }

        if (string.IsNullOrWhiteSpace(options.CsrfHeaderName))
        {
            errors.Add($"{Section}:CsrfHeaderName must be set.");
        }

        foreach (var origin in options.TrustedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.AbsolutePath != "/" || origin.EndsWith('/'))
            {
                errors.Add($"{Section}:TrustedOrigins: '{origin}' is not an origin (scheme://host[:port], no path).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsCookieName(string name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
