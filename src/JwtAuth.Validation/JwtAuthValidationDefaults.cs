namespace JwtAuth.Validation;

/// <summary>Names JwtAuth.Validation registers.</summary>
public static class JwtAuthValidationDefaults
{
    /// <summary>
    /// The named <see cref="HttpClient"/> that reads the discovery document, the JWKS and the feed;
    /// configure it (<c>services.AddHttpClient(HttpClientName)</c>) for a proxy or a client certificate.
    /// </summary>
    public const string HttpClientName = "JwtAuth.Validation";

    /// <summary>The health check that reports the revocation feed.</summary>
    public const string HealthCheckName = "jwtauth-revocation-feed";
}
