using System.Security.Cryptography;
using System.Text;
using JwtAuth.Tokens;
using Microsoft.Extensions.Options;

namespace JwtAuth.Configuration;

/// <summary>
/// Refuses, at start-up, every configuration that cannot work or is unsafe, with a message that
/// says which setting to fix.
/// </summary>
internal sealed class JwtAuthOptionsValidator : IValidateOptions<JwtAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthOptions options)
    {
        var errors = new List<string>(((IHasBindingErrors)options).BindingErrors);
        if (!TokenAlgorithms.IsKnown(options.Algorithm))
        {
            errors.Add($"JwtAuth:Algorithm '{options.Algorithm}' is not supported; use one of {string.Join(", ", TokenAlgorithms.All)}.");
        }
        else
        {
            ValidateKey(options, errors);
        }

        RequirePositive(errors, nameof(options.AccessTokenLifetime), options.AccessTokenLifetime);
        RequirePositive(errors, nameof(options.RefreshTokenLifetime), options.RefreshTokenLifetime);
        RequirePositive(errors, nameof(options.SlidingTokenLifetime), options.SlidingTokenLifetime);
        RequirePositive(errors, nameof(options.SlidingTokenRefreshLifetime), options.SlidingTokenRefreshLifetime);
        RequirePositive(errors, nameof(options.SessionLifetime), options.SessionLifetime);
        if (options.AccessTokenLifetime > options.RefreshTokenLifetime)
        {
            errors.Add($"JwtAuth:AccessTokenLifetime ({options.AccessTokenLifetime}) is longer than JwtAuth:RefreshTokenLifetime ({options.RefreshTokenLifetime}); "
                + $"an access token must not outlive the refresh token that renews it ({Durations.Expected}).");
        }

        if (options.Leeway < TimeSpan.Zero)
        {
            errors.Add("JwtAuth:Leeway cannot be negative.");
        }

        if (options.ClockSkewAllowance < TimeSpan.Zero)
        {
            errors.Add("JwtAuth:ClockSkewAllowance cannot be negative.");
        }

        if (options.RefreshReuseGracePeriod < TimeSpan.Zero)
        {
            errors.Add("JwtAuth:RefreshReuseGracePeriod cannot be negative.");
        }

        if (!string.IsNullOrEmpty(options.JwkUrl))
        {
            errors.Add("JwtAuth:JwkUrl is not supported: keys come from configuration only (SigningKey, VerifyingKey).");
        }

        if (options.AuthHeaderTypes.Count == 0 || options.AuthHeaderTypes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("JwtAuth:AuthHeaderTypes needs at least one non-empty scheme.");
        }

        if (string.IsNullOrWhiteSpace(options.AuthHeaderName) || string.IsNullOrWhiteSpace(options.UserIdClaim)
            || string.IsNullOrWhiteSpace(options.TokenTypeClaim) || string.IsNullOrWhiteSpace(options.JtiClaim))
        {
            errors.Add("JwtAuth:AuthHeaderName, UserIdClaim, TokenTypeClaim and JtiClaim cannot be empty.");
        }

        // JsonWebTokenHandler refuses every token against a blank audience or issuer.
        if ((options.Audience is not null && string.IsNullOrWhiteSpace(options.Audience))
            || (options.Issuer is not null && string.IsNullOrWhiteSpace(options.Issuer)))
        {
            errors.Add("JwtAuth:Audience and JwtAuth:Issuer cannot be blank; leave them unset to not check them.");
        }

        if (options.MaxTokenLength is < 256 or > 65536)
        {
            errors.Add("JwtAuth:MaxTokenLength must be between 256 and 65536.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateKey(JwtAuthOptions options, List<string> errors)
    {
        var key = options.SigningKey;
        if (string.IsNullOrEmpty(key))
        {
            errors.Add("JwtAuth:SigningKey is not set. Set it (environment JwtAuth__SigningKey) to a secret of at least "
                + $"{(TokenAlgorithms.IsHmac(options.Algorithm) ? TokenAlgorithms.HashBytes(options.Algorithm) + " bytes" : "a PEM private key")}.");
            return;
        }

        if (TokenAlgorithms.IsHmac(options.Algorithm))
        {
            var needed = TokenAlgorithms.HashBytes(options.Algorithm);
            if (Encoding.UTF8.GetByteCount(key) < needed)
            {
                errors.Add($"JwtAuth:SigningKey is too short for {options.Algorithm}: it needs at least {needed} bytes (RFC 7518 §3.2).");
            }

            return;
        }

        try
        {
            if (TokenAlgorithms.IsRsa(options.Algorithm))
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(key);
                if (rsa.KeySize < TokenAlgorithms.MinRsaKeyBits)
                {
                    errors.Add($"JwtAuth:SigningKey is a {rsa.KeySize}-bit RSA key; {options.Algorithm} needs at least {TokenAlgorithms.MinRsaKeyBits} bits.");
                }
            }
            else
            {
                using var ecdsa = ECDsa.Create();
                ecdsa.ImportFromPem(key);
                var curve = ecdsa.ExportParameters(false).Curve.Oid.Value;
                if (curve != TokenAlgorithms.CurveOid(options.Algorithm))
                {
                    errors.Add($"JwtAuth:SigningKey is not on the curve {options.Algorithm} requires.");
                }
            }

            _ = TokenKeys.Create(options);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            // The PEM text is a secret: name the setting, never echo its value.
            errors.Add($"JwtAuth:SigningKey or VerifyingKey is not a PEM key usable with {options.Algorithm}.");
        }
    }

    private static void RequirePositive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"JwtAuth:{name} must be positive.");
        }
    }
}
