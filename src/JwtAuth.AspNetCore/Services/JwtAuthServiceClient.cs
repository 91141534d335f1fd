namespace JwtAuth.Services;

/// <summary>One service allowed to call the service endpoints.</summary>
public sealed class JwtAuthServiceClient
{
    /// <summary>The service's secret (the HTTP Basic password), at least <see cref="JwtAuthServicesOptions.MinimumSecretLength"/> characters. Never logged.</summary>
    public string? Secret { get; set; }
}
