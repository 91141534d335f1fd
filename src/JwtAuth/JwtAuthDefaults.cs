namespace JwtAuth;

/// <summary>Constants shared by the JwtAuth handler, its options and its endpoints.</summary>
public static class JwtAuthDefaults
{
    /// <summary>The authentication scheme name JwtAuth registers.</summary>
    public const string AuthenticationScheme = "JwtAuth";

    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "JwtAuth";

    /// <summary>The realm announced in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "api";

    /// <summary>
    /// Prefix of signing keys generated for local development. A key with this prefix is refused
    /// outside the Development environment, so a development key can never reach production.
    /// </summary>
    public const string DevelopmentKeyPrefix = "jwtauth-development-key-";

    /// <summary>Request bodies of the JwtAuth endpoints larger than this are answered with 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;
}
