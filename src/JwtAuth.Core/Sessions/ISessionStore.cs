using JwtAuth.Revocation;

namespace JwtAuth.Sessions;

/// <summary>
/// Persistence of sessions, outstanding refresh tokens and the revocation log: exactly what
/// <see cref="JwtAuthSessions"/> and the token endpoints need, so that another database is another
/// implementation. Implementations throw <see cref="SessionStoreUnavailableException"/> when the
/// database cannot be reached.
/// </summary>
public interface ISessionStore
{
    /// <summary>Stores a new session with its first refresh token (none for a sliding session).</summary>
    Task CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, CancellationToken cancellationToken);

    /// <summary>A refresh token with its session and successor, or null when unknown.</summary>
    Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken);

    /// <summary>A session, or null when unknown.</summary>
    Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically consumes <paramref name="consumedId"/> (only if not consumed, not blacklisted and
    /// its session not ended) and stores <paramref name="successor"/>; false when another request
    /// consumed it first. Of concurrent calls for one token exactly one returns true. With a null
    /// <paramref name="consumedId"/> it only stores the successor.
    /// </summary>
    Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a use of the session (refresh without rotation, sliding refresh).</summary>
    Task TouchSessionAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Ends sessions and, in the same transaction, marks their outstanding tokens blacklisted and
    /// appends the revocation log entries, which it returns. Sessions already ended are skipped.
    /// </summary>
    Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither ended nor expired, newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How many active sessions each of these users has; users without one may be absent.</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> revocation log entries with an id above <paramref name="afterId"/>, by id.</summary>
    Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> rows that can no longer matter (expired tokens,
    /// sessions, and log entries), returning how many of each went.
    /// </summary>
    Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
