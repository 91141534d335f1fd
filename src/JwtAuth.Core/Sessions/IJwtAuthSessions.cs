namespace JwtAuth.Sessions;

/// <summary>
/// Session operations for host applications and admin tools. Every ending takes effect for the
/// session's access tokens from the next request on, on this node at once and on the others
/// through the revocation log.
/// </summary>
public interface IJwtAuthSessions
{
    /// <summary>The user's active sessions, newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>How many active sessions each of these users has (0 for none).</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the user's refresh tokens, newest first: what SimpleJWT's admin shows as
    /// outstanding and blacklisted tokens (ids and times, never the tokens).
    /// </summary>
    Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>Ends one session of the user; false when the user has no such active session.</summary>
    Task<bool> EndSessionAsync(string userId, Guid sessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends every session of the user and refuses every token issued to the user before now
    /// (logout everywhere, user disabled or deleted).
    /// </summary>
    Task<int> EndAllSessionsAsync(string userId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the user but one (logout others, password change).</summary>
    Task<int> EndOtherSessionsAsync(string userId, Guid keepSessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the user's account changed (what a profile or <c>me</c> shows): appends a
    /// <see cref="Revocation.RevocationKind.UserChanged"/> entry to the revocation log, in the
    /// caller's transaction when there is one, and tells this node's
    /// <see cref="Users.IUserChangeObserver"/>s at once; other nodes hear it when they read the log.
    /// Ends no session and refuses no token.
    /// </summary>
    Task RecordUserChangeAsync(string userId, CancellationToken cancellationToken = default);
}
