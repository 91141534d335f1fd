namespace JwtAuth.Endpoints;

/// <summary>Names of endpoints a host may attach policies to (for example a login rate limit).</summary>
public static class JwtAuthEndpointNames
{
    public const string Obtain = "JwtAuthObtain";
    public const string ObtainSliding = "JwtAuthObtainSliding";
    public const string Refresh = "JwtAuthRefresh";
    public const string RevocationFeed = "JwtAuthRevocationFeed";
    public const string Introspect = "JwtAuthIntrospect";
    public const string Revoke = "JwtAuthRevoke";
}
