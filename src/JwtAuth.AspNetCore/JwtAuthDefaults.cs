namespace JwtAuth;

/// <summary>Constants of the JwtAuth handler and its endpoints.</summary>
public static class JwtAuthDefaults
{
    /// <summary>The authentication scheme name <c>AddJwtAuth()</c> registers.</summary>
    public const string AuthenticationScheme = "JwtAuth";

    /// <summary>
    /// The name of JwtAuth's meter and of its trace source: add it to OpenTelemetry
    /// (<c>AddMeter</c>, <c>AddSource</c>) to export JwtAuth's metrics and traces.
    /// </summary>
    public const string TelemetryName = "JwtAuth";

    /// <summary>The realm announced in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "api";

    /// <summary>Request bodies of the JwtAuth endpoints larger than this are answered with 413.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;
}
