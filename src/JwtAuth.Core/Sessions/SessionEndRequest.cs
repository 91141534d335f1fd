namespace JwtAuth.Sessions;

/// <summary>Which sessions of one user to end, and whether to cut off the user's older tokens too.</summary>
public sealed record SessionEndRequest
{
    /// <summary>The user whose sessions end; sessions of other users are never touched.</summary>
    public required string UserId { get; init; }

    /// <summary>End only this session; null ends all of the user's sessions.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>Keep this session (logout others, password change).</summary>
    public Guid? ExceptSessionId { get; init; }

    /// <summary>
    /// Also log a user-wide cut-off, so tokens without a session (issued by SimpleJWT) die too.
    /// </summary>
    public bool CutOffUser { get; init; }

    /// <summary>Why: <c>logout</c>, <c>reuse</c>, <c>password_changed</c>… kept on the session row.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>
    /// Added to the expiry of a session's last token before its log entry may be forgotten: the
    /// leeway plus the clock-skew allowance between nodes.
    /// </summary>
    public required TimeSpan ClockSkew { get; init; }

    /// <summary>
    /// For the user-wide cut-off (tokens without a session, issued by SimpleJWT): how long it is
    /// kept, the longest bearer-token lifetime.
    /// </summary>
    public required TimeSpan UserCutOffRetention { get; init; }

    /// <summary>
    /// The audit event of this ending, stored in the same transaction when at least one session
    /// ends (or the user is cut off); null when the host keeps no audit trail.
    /// </summary>
    public Audit.AuditEvent? Audit { get; init; }
}
