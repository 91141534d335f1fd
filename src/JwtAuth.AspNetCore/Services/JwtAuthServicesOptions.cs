namespace JwtAuth.Services;

/// <summary>
/// The services (resource servers, other back ends) that may read the revocation feed and call
/// token introspection and revocation, by name: configuration <c>JwtAuth:Services:&lt;name&gt;:Secret</c>.
/// End users never can: these endpoints take a service's HTTP Basic credentials, not a bearer token.
/// </summary>
public sealed class JwtAuthServicesOptions
{
    /// <summary>The configuration section the services are read from.</summary>
    public const string ConfigurationSection = JwtAuthOptions.ConfigurationSection + ":Services";

    /// <summary>The shortest secret accepted, in characters: guessing must be hopeless, since the endpoints answer quickly.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>Each service's name (the HTTP Basic user name) and settings. None by default: the service endpoints refuse everyone.</summary>
    public IDictionary<string, JwtAuthServiceClient> Clients { get; } = new Dictionary<string, JwtAuthServiceClient>(StringComparer.Ordinal);
}
