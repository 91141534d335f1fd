namespace JwtAuth.Sessions;

/// <summary>A session: one login, one family of refresh tokens, one absolute end.</summary>
public sealed record SessionRecord
{
    public required Guid Id { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastUsedAt { get; init; }
    /// <summary>The absolute end (<c>SessionLifetime</c>): no refresh extends it.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// When the session's newest refresh token (or a sliding token's <c>refresh_exp</c>) expires:
    /// unused until then, the session can no longer be refreshed and stops being listed.
    /// </summary>
    public required DateTimeOffset RefreshExpiresAt { get; init; }
    /// <summary>
    /// When the last bearer token (access or sliding) issued for this session expires: until then
    /// (plus leeway and clock skew) the revocation registry must remember that the session ended.
    /// Refresh tokens need no such memory: every use of one reads the store.
    /// </summary>
    public required DateTimeOffset TokensExpireAt { get; init; }

    /// <summary>
    /// How the session started (<see cref="SessionSignInMethods"/>, or a host's own method); null
    /// for sessions stored before the method was recorded.
    /// </summary>
    public string? SignInMethod { get; init; }

    public string? UserAgent { get; init; }
    public string? IpAddress { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedReason { get; init; }

    /// <summary>
    /// When the session ends if nothing else happens: its absolute end, or earlier when its newest
    /// refresh token expires unused. What the session lists call <c>expires_at</c>.
    /// </summary>
    public DateTimeOffset EndsAt => RefreshExpiresAt < ExpiresAt ? RefreshExpiresAt : ExpiresAt;

    /// <summary>Not ended, and still able to issue tokens.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && EndsAt > now;
}
