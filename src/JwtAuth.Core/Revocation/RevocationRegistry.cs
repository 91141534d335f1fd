using System.Collections.Concurrent;
using JwtAuth.Tokens;

namespace JwtAuth.Revocation;

/// <summary>
/// The in-memory set of revoked sessions and users that every authenticated request consults.
/// Lookups are lock-free dictionary reads that allocate nothing; entries are dropped once no token
/// they refuse can still be valid, so memory stays bounded by the revocations of the last
/// bearer-token lifetime.
/// </summary>
internal sealed class RevocationRegistry
{
    private readonly ConcurrentDictionary<Guid, long> _sessions = new();
    private readonly ConcurrentDictionary<string, UserCutoff> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, UserCutoff>.AlternateLookup<ReadOnlySpan<char>> _usersBySpan;
    private TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _knownUntil = long.MaxValue;

    public RevocationRegistry() => _usersBySpan = _users.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Whether a token of this session and user, issued at <paramref name="issuedAt"/>, is revoked.
    /// </summary>
    /// <remarks>
    /// A token of a session is judged by its session alone: every session a user-wide ending reaches
    /// is logged by id, so the exact answer needs no clock. A token without a session (issued by
    /// SimpleJWT) is judged by the user's cut-off, which counts the cut-off's own second as before
    /// it: <c>iat</c> has whole seconds, and a token of that second may predate the cut-off.
    /// </remarks>
    public bool IsRevoked(Guid sessionId, ReadOnlySpan<char> userId, long issuedAt) =>
        sessionId != Guid.Empty
            ? _sessions.ContainsKey(sessionId)
            : _usersBySpan.TryGetValue(userId, out var cutoff) && issuedAt <= cutoff.NotBefore;

    /// <summary>
    /// Whether this registry may be trusted at <paramref name="nowMilliseconds"/> (Unix time): always
    /// on a node that reads the log itself; on a resource server that refuses tokens when its feed has
    /// been unreachable too long, only until <see cref="KnowUntil"/>'s moment.
    /// </summary>
    public bool IsKnownAt(long nowMilliseconds) => nowMilliseconds < Volatile.Read(ref _knownUntil);

    /// <summary>Marks the registry as complete until <paramref name="milliseconds"/> (Unix time), after which <see cref="IsKnownAt"/> is false.</summary>
    public void KnowUntil(long milliseconds) => Volatile.Write(ref _knownUntil, milliseconds);

    /// <summary>
    /// Completes at the next <see cref="Apply"/>. Take it before reading the log, so that an entry
    /// applied between the read and the wait is not waited past.
    /// </summary>
    public Task WhenApplied => Volatile.Read(ref _applied).Task;

    /// <summary>Whether the session itself is revoked.</summary>
    public bool IsSessionRevoked(Guid sessionId) => _sessions.ContainsKey(sessionId);

    /// <summary>Number of revoked sessions held.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>Number of user cut-offs held.</summary>
    public int UserCount => _users.Count;

    /// <summary>
    /// Applies one log entry; applying it twice, or after later entries, is harmless. Which log ids
    /// have been read is the catch-up's business (<see cref="RevocationLogGaps"/>), not the registry's.
    /// </summary>
    public void Apply(RevocationEntry entry)
    {
        switch (entry.Kind)
        {
            case RevocationKind.Session when JwtAuthIds.TryParse(entry.Subject, out var sessionId):
                _sessions.AddOrUpdate(sessionId, entry.ExpiresAt, (_, old) => Math.Max(old, entry.ExpiresAt));
                break;
            case RevocationKind.User:
                var cutoff = new UserCutoff(entry.NotBefore, entry.ExpiresAt);
                _users.AddOrUpdate(entry.Subject, cutoff, (_, old) => old.Merge(cutoff));
                break;
            case RevocationKind.UserChanged:
                // Refuses no token: it is for the hosts' caches (UserChangeNotifier), not the registry.
                break;
        }

        Interlocked.Exchange(ref _applied, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Drops entries whose tokens have all expired by <paramref name="now"/> (epoch seconds).</summary>
    public int Prune(long now)
    {
        var removed = 0;
        foreach (var (sessionId, expiresAt) in _sessions)
        {
            if (expiresAt <= now && _sessions.TryRemove(new KeyValuePair<Guid, long>(sessionId, expiresAt)))
            {
                removed++;
            }
        }

        foreach (var pair in _users)
        {
            if (pair.Value.ExpiresAt <= now && _users.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private readonly record struct UserCutoff(long NotBefore, long ExpiresAt)
    {
        public UserCutoff Merge(UserCutoff other) =>
            new(Math.Max(NotBefore, other.NotBefore), Math.Max(ExpiresAt, other.ExpiresAt));
    }
}
