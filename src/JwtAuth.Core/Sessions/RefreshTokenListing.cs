namespace JwtAuth.Sessions;

/// <summary>
/// One refresh token as an admin sees it (SimpleJWT's outstanding token, and its blacklist entry
/// when it has one): ids and times, never the token.
/// </summary>
public sealed record RefreshTokenListing
{
    /// <summary>The token's <c>jti</c>.</summary>
    public required Guid Id { get; init; }
    public required Guid SessionId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// When the token stopped being usable before it expired: blacklisted, rotated out (SimpleJWT's
    /// <c>BLACKLIST_AFTER_ROTATION</c>), or its session ended; null while it is outstanding.
    /// </summary>
    public DateTimeOffset? BlacklistedAt { get; init; }

    /// <summary><c>blacklisted</c>, <c>rotated</c>, or the reason its session ended; null while outstanding.</summary>
    public string? BlacklistReason { get; init; }

    /// <summary>
    /// The listing of <paramref name="token"/>: it stopped being usable at the earliest of its
    /// blacklisting, its rotation and the end of its session; the session's reason when that is
    /// what blacklisted it.
    /// </summary>
    /// <param name="token">The stored token.</param>
    /// <param name="sessionEndedAt">When its session ended, if it has.</param>
    /// <param name="sessionEndReason">Why its session ended.</param>
    public static RefreshTokenListing Create(RefreshTokenRecord token, DateTimeOffset? sessionEndedAt, string? sessionEndReason)
    {
        ArgumentNullException.ThrowIfNull(token);
        (DateTimeOffset At, string Reason)? end = null;
        // Ending a session blacklists its tokens at the same instant: the session's reason says more.
        Consider(sessionEndedAt, sessionEndReason ?? "session ended");
        Consider(token.BlacklistedAt, SessionEndReasons.Blacklisted);
        Consider(token.ConsumedAt, "rotated");
        return new RefreshTokenListing
        {
            Id = token.Id,
            SessionId = token.SessionId,
            IssuedAt = token.IssuedAt,
            ExpiresAt = token.ExpiresAt,
            BlacklistedAt = end?.At,
            BlacklistReason = end?.Reason,
        };

        void Consider(DateTimeOffset? at, string reason)
        {
            if (at is { } time && (end is null || time < end.Value.At))
            {
                end = (time, reason);
            }
        }
    }
}
