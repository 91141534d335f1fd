using JwtAuth.Configuration;

namespace JwtAuth;

/// <summary>
/// Settings of JwtAuth, bound from the <c>JwtAuth</c> configuration section. Names and defaults
/// mirror SimpleJWT's <c>SIMPLE_JWT</c> settings; the last group is JwtAuth's own. Durations take
/// <c>300s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c> or <c>hh:mm:ss</c>. They are read once at start-up
/// into the snapshot every part uses: a change in configuration while running is refused with a
/// log line and takes effect at the next start.
/// </summary>
public sealed class JwtAuthOptions : IHasBindingErrors
{
    /// <summary>Lifetime of access tokens (SimpleJWT <c>ACCESS_TOKEN_LIFETIME</c>). Default 5 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of refresh tokens (SimpleJWT <c>REFRESH_TOKEN_LIFETIME</c>). Default 1 day.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether a refresh answers with a new refresh token (SimpleJWT <c>ROTATE_REFRESH_TOKENS</c>). Default true.</summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>
    /// Whether a rotated-out refresh token is consumed, so that presenting it again is detected as
    /// reuse (SimpleJWT <c>BLACKLIST_AFTER_ROTATION</c>). Default true.
    /// </summary>
    public bool BlacklistAfterRotation { get; set; } = true;

    /// <summary>Whether a successful obtain records the user's last login (SimpleJWT <c>UPDATE_LAST_LOGIN</c>). Default false.</summary>
    public bool UpdateLastLogin { get; set; }

    /// <summary>
    /// The signing algorithm; the only one accepted. HS256/384/512, RS256/384/512, PS256/384/512 or
    /// ES256/384/512. Default HS256.
    /// </summary>
    public string Algorithm { get; set; } = "HS256";

    /// <summary>
    /// The signing key: for HMAC the secret, used as its UTF-8 bytes exactly as SimpleJWT does; for
    /// RSA and ECDSA a PEM private key.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>For RSA and ECDSA, the PEM public key; derived from <see cref="SigningKey"/> when empty. Unused for HMAC.</summary>
    public string? VerifyingKey { get; set; }

    /// <summary>When set, issued access tokens carry this <c>aud</c> and every token must carry it.</summary>
    public string? Audience { get; set; }

    /// <summary>When set, issued access tokens carry this <c>iss</c> and every token must carry it.</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// SimpleJWT's <c>JWK_URL</c>. JwtAuth takes keys from configuration only, so a value here is
    /// refused at start-up rather than silently ignored.
    /// </summary>
    public string? JwkUrl { get; set; }

    /// <summary>The only clock skew allowed on <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default zero (not ASP.NET's 5 minutes).</summary>
    public TimeSpan Leeway { get; set; }

    /// <summary>
    /// Accepted authorization schemes, matched case-insensitively (RFC 9110). Default <c>["Bearer"]</c>;
    /// a configured list replaces the default.
    /// </summary>
    public IList<string> AuthHeaderTypes { get; set; } = [];

    /// <summary>The request header carrying the token. Default <c>Authorization</c>.</summary>
    public string AuthHeaderName { get; set; } = "Authorization";

    /// <summary>The claim carrying the user id. Default <c>user_id</c>.</summary>
    public string UserIdClaim { get; set; } = "user_id";

    /// <summary>The claim carrying the token type. Default <c>token_type</c>.</summary>
    public string TokenTypeClaim { get; set; } = "token_type";

    /// <summary>The claim carrying the token id. Default <c>jti</c>.</summary>
    public string JtiClaim { get; set; } = "jti";

    /// <summary>Lifetime of each sliding token. Default 5 minutes.</summary>
    public TimeSpan SlidingTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a sliding token can keep being refreshed (its <c>refresh_exp</c>). Default 1 day.</summary>
    public TimeSpan SlidingTokenRefreshLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Whether inactive users are refused on obtain and refresh. Default true.</summary>
    public bool CheckUserIsActive { get; set; } = true;

    /// <summary>
    /// Absolute lifetime of a session (one login). No refresh extends it and no token outlives it.
    /// Default 30 days.
    /// </summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Within this time after a rotation, presenting the rotated-out token again returns the same
    /// successor instead of being treated as reuse (for clients that retry a lost response).
    /// Default zero: every repeat is reuse.
    /// </summary>
    public TimeSpan RefreshReuseGracePeriod { get; set; }

    /// <summary>
    /// Whether ending a session also refuses its access tokens at once (the point of JwtAuth).
    /// When false, access tokens of ended sessions live until they expire, as in SimpleJWT. Default true.
    /// </summary>
    public bool RevokeAccessTokensOnLogout { get; set; } = true;

    /// <summary>Tokens longer than this many characters are refused before any cryptography. Default 8192.</summary>
    public int MaxTokenLength { get; set; } = 8192;

    /// <summary>
    /// How far the clocks of the nodes that issue and check tokens may disagree. A revocation is
    /// remembered until the last token of its session expires plus <see cref="Leeway"/> plus this,
    /// so a token issued by a node whose clock runs ahead cannot outlive it. Default 1 minute.
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The configuration section these options are bound from.</summary>
    public const string ConfigurationSection = "JwtAuth";

    List<string> IHasBindingErrors.BindingErrors { get; } = [];

    /// <summary>The longest time a bearer token (access or sliding) can be valid.</summary>
    internal TimeSpan MaxBearerLifetime => AccessTokenLifetime > SlidingTokenLifetime ? AccessTokenLifetime : SlidingTokenLifetime;
}
