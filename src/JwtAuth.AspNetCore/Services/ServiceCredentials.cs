using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Services;

/// <summary>
/// Checks a service's HTTP Basic credentials (RFC 7617, with RFC 6749 §2.3.1's form-encoding of the
/// name and secret, as RFC 7662 and RFC 7009 clients send them). Secrets are compared as SHA-256
/// hashes in constant time, so neither their content nor their length shows in the timing.
/// </summary>
internal sealed class ServiceCredentials
{
    private const string Realm = "Basic realm=\"jwtauth-services\"";

    private readonly Dictionary<string, byte[]> _secretHashes;

    public ServiceCredentials(IOptions<JwtAuthServicesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _secretHashes = options.Value.Clients.ToDictionary(
            pair => pair.Key,
            pair => SHA256.HashData(Encoding.UTF8.GetBytes(pair.Value.Secret ?? string.Empty)),
            StringComparer.Ordinal);
    }

    /// <summary>An endpoint filter: the request goes on only with a known service's credentials; otherwise 401.</summary>
    public static async ValueTask<object?> RequireAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var credentials = http.RequestServices.GetService(typeof(ServiceCredentials)) as ServiceCredentials
            ?? throw new InvalidOperationException("Call AddJwtAuth() to register the service endpoints' credentials.");
        var header = http.Request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            http.Response.Headers[HeaderNames.WWWAuthenticate] = Realm;
            return JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, JwtAuthMessages.ServiceCredentialsRequired, JwtAuthErrorCodes.NotAuthenticated);
        }

        if (!credentials.IsValid(value.Parameter))
        {
            http.Response.Headers[HeaderNames.WWWAuthenticate] = Realm;
            return JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, JwtAuthMessages.ServiceCredentialsInvalid, JwtAuthErrorCodes.AuthenticationFailed);
        }

        return await next(context).ConfigureAwait(false);
    }

    private bool IsValid(string parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var name = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        var secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        // An unknown name costs the same comparison as a known one.
        var expected = _secretHashes.TryGetValue(name, out var hash) ? hash : new byte[presented.Length];
        return CryptographicOperations.FixedTimeEquals(presented, expected) && hash is not null;
    }
}
