using JwtAuth.Audit;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Tests.Revocation;

/// <summary>
/// A revocation log whose entries the test commits by id, in any order, as concurrent transactions
/// would: an id held back stays invisible until <see cref="Commit"/> names it. Only the log is kept;
/// the rest of the store contract is not used by the catch-up.
/// </summary>
internal sealed class RevocationLogStore : ISessionStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, RevocationEntry> _committed = [];
    private readonly Dictionary<long, Guid> _sessions = [];

    /// <summary>How many times the log has been read.</summary>
    public int Reads { get; private set; }

    /// <summary>While set, reading the log fails as a database that does not answer.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The session that log entry <paramref name="id"/> revokes.</summary>
    public Guid SessionOf(long id)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                _sessions[id] = session = Guid.CreateVersion7();
            }

            return session;
        }
    }

    /// <summary>Makes these entries visible, as their transactions' commits would.</summary>
    public void Commit(params long[] ids)
    {
        foreach (var id in ids)
        {
            var entry = new RevocationEntry(id, RevocationKind.Session, JwtAuthIds.Format(SessionOf(id)), 0, long.MaxValue);
            lock (_lock)
            {
                _committed.Add(id, entry);
            }
        }
    }

    /// <summary>Deletes entries, as pruning expired rows does.</summary>
    public void Delete(params long[] ids)
    {
        lock (_lock)
        {
            foreach (var id in ids)
            {
                _committed.Remove(id);
            }
        }
    }

    public Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new SessionStoreUnavailableException("The test store is unavailable.", new TimeoutException());
        }

        lock (_lock)
        {
            Reads++;
            return Task.FromResult<IReadOnlyList<RevocationEntry>>(_committed.Values.Where(e => e.Id > afterId).Take(max).ToList());
        }
    }

    public Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        Task.FromResult(default(PruneResult));

    public Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, AuditEvent? audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RevocationEntry> AppendUserChangedAsync(string userId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken) => throw new NotSupportedException();
}
