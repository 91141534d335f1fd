using JwtAuth.Audit;
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
    /// <summary>
    /// The user's session epoch: it moves on, in the same transaction, whenever several of the
    /// user's sessions are ended at once (logout all or others, password change, user disabled or
    /// deleted). 0 for a user whose sessions were never ended that way.
    /// </summary>
    Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new session with its first refresh token (none for a sliding session), only if the
    /// user's epoch is still <paramref name="expectedEpoch"/>; false, and nothing stored, otherwise.
    /// Holding the epoch while inserting makes a login that raced an end-all either fail here or
    /// be ended by it. <paramref name="audit"/>, when given, is stored with the session, in the
    /// same transaction.
    /// </summary>
    Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, AuditEvent? audit, CancellationToken cancellationToken);

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
    /// <remarks>
    /// <paramref name="tokensExpireAt"/> raises the session's <see cref="SessionRecord.TokensExpireAt"/>
    /// (the access token issued with the successor). Implementations lock the session before its
    /// tokens, as <see cref="EndSessionsAsync"/> does, so the two never deadlock.
    /// </remarks>
    Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records a use of the session that issued a token expiring at <paramref name="tokensExpireAt"/>
    /// (refresh without rotation, sliding refresh, a grace-period repeat).
    /// </summary>
    Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Ends sessions and, in the same transaction, marks their outstanding tokens blacklisted and
    /// appends the revocation log entries, which it returns. Sessions already ended are skipped.
    /// Ending more than one session (no <see cref="SessionEndRequest.SessionId"/>) first moves the
    /// user's epoch on. Each entry is kept until the last token issued for its session has expired
    /// (<see cref="SessionRecord.TokensExpireAt"/> plus <see cref="SessionEndRequest.ClockSkew"/>).
    /// Inside a transaction the caller opened on the same connection, the work joins it.
    /// </summary>
    Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a <see cref="RevocationKind.UserChanged"/> entry for the user (its account changed:
    /// every node forgets what it cached of it) and returns it. Refuses no token and ends nothing.
    /// Kept until <paramref name="now"/> plus <paramref name="retention"/>. Inside a transaction the
    /// caller opened on the same connection, the entry joins it and commits with the change.
    /// </summary>
    Task<RevocationEntry> AppendUserChangedAsync(string userId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither ended nor expired, newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>How many active sessions each of these users has; users without one may be absent.</summary>
    Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the user's refresh tokens, newest first (expired ones until they are pruned), each
    /// with when and why it stopped being usable; for admin tools.
    /// </summary>
    Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> revocation log entries with an id above <paramref name="afterId"/>, by id.</summary>
    Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> rows that can no longer matter (expired tokens,
    /// sessions, and log entries), returning how many of each went.
    /// </summary>
    Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
