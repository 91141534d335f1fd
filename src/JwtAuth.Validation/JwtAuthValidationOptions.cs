using JwtAuth.Configuration;

namespace JwtAuth.Validation;

/// <summary>
/// How a resource server reaches the JwtAuth server it trusts: where it is, the service credentials
/// it reads the revocation feed with, and what it does when the feed is out of reach. The token
/// settings (algorithm, claim names, header types, issuer, audience; the shared key for HMAC) are
/// <see cref="JwtAuthOptions"/>, bound from the <c>JwtAuth</c> section as on the server.
/// </summary>
public sealed class JwtAuthValidationOptions : IHasBindingErrors
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string ConfigurationSection = JwtAuthOptions.ConfigurationSection + ":Validation";

    List<string> IHasBindingErrors.BindingErrors { get; } = [];

    /// <summary>
    /// The JwtAuth server's base URL (<c>https://auth.example.com</c>): its discovery document
    /// (<c>/.well-known/openid-configuration</c>) names the keys; the feed is read from it. Required.
    /// </summary>
    public Uri? Authority { get; set; }

    /// <summary>Whether the authority must be reached over HTTPS. Default true; turn off only for local development and tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The service's name on the server (<c>JwtAuth:Services:&lt;name&gt;</c> there). Required.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The service's secret on the server. Required; never logged.</summary>
    public string? ServiceSecret { get; set; }

    /// <summary>The revocation feed's path on the authority. Default <c>/api/revocations/</c>.</summary>
    public string FeedPath { get; set; } = "/api/revocations/";

    /// <summary>
    /// How long one feed request is held open by the server when nothing new has happened (a long
    /// poll). A revocation reaches this service as soon as the server has it, whatever this is; it
    /// bounds how often an idle service calls. With PostgreSQL notifications
    /// (<c>AddJwtAuthPostgreSqlNotifications</c>) no request is held open: this is then the longest
    /// wait between two reads when PostgreSQL announces nothing. Default 25 seconds, at most 55.
    /// </summary>
    public TimeSpan FeedWait { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long the feed may go without answering before this service stops trusting what it knows
    /// of revocations and does what <see cref="WhenFeedUnavailable"/> says (and the health check and
    /// a log line say so). Must exceed <see cref="FeedWait"/>. Default 1 minute.
    /// </summary>
    public TimeSpan FeedUnavailableAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What to do with tokens once the feed has been out of reach for <see cref="FeedUnavailableAfter"/>. Default <see cref="FeedUnavailableBehavior.RefuseTokens"/>.</summary>
    public FeedUnavailableBehavior WhenFeedUnavailable { get; set; } = FeedUnavailableBehavior.RefuseTokens;

    /// <summary>How long to wait before calling the feed again after it failed. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the discovery document and the JWKS are read again. A token naming a key not seen
    /// yet also makes them be read again (at most every 5 minutes), as JwtBearer does. Default 1 hour.
    /// </summary>
    public TimeSpan KeysRefreshInterval { get; set; } = TimeSpan.FromHours(1);
}
