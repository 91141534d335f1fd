using JwtAuth.Audit;
using JwtAuth.Revocation;
using JwtAuth.Sessions;

namespace JwtAuth.Testing;

/// <summary>
/// The session store contract kept in memory under one lock: each call is one transaction, as the
/// EF store's are. Shared by every scope of one test's service provider.
/// </summary>
internal sealed class InMemorySessionStore : ISessionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, SessionRecord> _sessions = [];
    private readonly Dictionary<Guid, RefreshTokenRecord> _tokens = [];
    private readonly List<RevocationEntry> _log = [];
    private readonly Dictionary<string, long> _epochs = new(StringComparer.Ordinal);

    public Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_epochs.GetValueOrDefault(userId));
        }
    }

    public Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_epochs.GetValueOrDefault(session.UserId) != expectedEpoch)
            {
                return Task.FromResult(false);
            }

            _sessions.Add(session.Id, session);
            if (firstToken is not null)
            {
                _tokens.Add(firstToken.Id, firstToken);
            }
        }

        return Task.FromResult(true);
    }

    public Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(tokenId, out var token))
            {
                return Task.FromResult<RefreshTokenState?>(null);
            }

            var successor = token.SuccessorId is { } next ? _tokens.GetValueOrDefault(next) : null;
            return Task.FromResult<RefreshTokenState?>(new RefreshTokenState(token, _sessions[token.SessionId], successor));
        }
    }

    public Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.GetValueOrDefault(sessionId));
        }
    }

    public Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (consumedId is { } id)
            {
                var token = _tokens[id];
                var session = _sessions[token.SessionId];
                if (token.ConsumedAt is not null || token.BlacklistedAt is not null || session.RevokedAt is not null || session.ExpiresAt <= now)
                {
                    return Task.FromResult(false);
                }

                _tokens[id] = token with { ConsumedAt = now, SuccessorId = successor.Id };
            }

            _tokens.Add(successor.Id, successor);
            var owner = _sessions[successor.SessionId];
            _sessions[owner.Id] = owner with
            {
                LastUsedAt = now,
                RefreshExpiresAt = owner.RefreshExpiresAt > successor.ExpiresAt ? owner.RefreshExpiresAt : successor.ExpiresAt,
                TokensExpireAt = owner.TokensExpireAt > tokensExpireAt ? owner.TokensExpireAt : tokensExpireAt,
            };
            return Task.FromResult(true);
        }
    }

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var session = _sessions[sessionId];
            _sessions[sessionId] = session with
            {
                LastUsedAt = now,
                TokensExpireAt = session.TokensExpireAt > tokensExpireAt ? session.TokensExpireAt : tokensExpireAt,
            };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (request.SessionId is null)
            {
                _epochs[request.UserId] = _epochs.GetValueOrDefault(request.UserId) + 1;
            }

            var ending = _sessions.Values
                .Where(s => s.UserId == request.UserId && s.RevokedAt is null && s.ExpiresAt > request.Now)
                .Where(s => request.SessionId is not { } only || s.Id == only)
                .Where(s => request.ExceptSessionId is not { } keep || s.Id != keep)
                .ToList();
            var entries = new List<RevocationEntry>();
            foreach (var session in ending)
            {
                _sessions[session.Id] = session with { RevokedAt = request.Now, RevokedReason = request.Reason };
                foreach (var token in _tokens.Values.Where(t => t.SessionId == session.Id && t.BlacklistedAt is null).ToList())
                {
                    _tokens[token.Id] = token with { BlacklistedAt = request.Now };
                }

                var forgetAt = ((session.TokensExpireAt > request.Now ? session.TokensExpireAt : request.Now) + request.ClockSkew).ToUnixTimeSeconds() + 1;
                entries.Add(new RevocationEntry(_log.Count + entries.Count + 1, RevocationKind.Session, JwtAuth.Tokens.JwtAuthIds.Format(session.Id), 0, forgetAt));
            }

            if (request.CutOffUser)
            {
                var forgetAt = (request.Now + request.UserCutOffRetention + request.ClockSkew).ToUnixTimeSeconds() + 1;
                entries.Add(new RevocationEntry(_log.Count + entries.Count + 1, RevocationKind.User, request.UserId, request.Now.ToUnixTimeSeconds(), forgetAt));
            }

            _log.AddRange(entries);
            return Task.FromResult<IReadOnlyList<RevocationEntry>>(entries);
        }
    }

    public Task<RevocationEntry> AppendUserChangedAsync(string userId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        lock (_lock)
        {
            var entry = new RevocationEntry(_log.Count + 1, RevocationKind.UserChanged, userId, now.ToUnixTimeSeconds(), (now + retention).ToUnixTimeSeconds() + 1);
            _log.Add(entry);
            return Task.FromResult(entry);
        }
    }

    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SessionRecord>>(
                _sessions.Values.Where(s => s.UserId == userId && s.IsActive(now)).OrderByDescending(s => s.CreatedAt).ToList());
        }
    }

    public Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var tokens = _tokens.Values.Where(t => _sessions[t.SessionId].UserId == userId).ToList();
            var page = tokens.OrderByDescending(t => t.IssuedAt).ThenBy(t => t.Id).Skip(skip).Take(take)
                .Select(t => RefreshTokenListing.Create(t, _sessions[t.SessionId].RevokedAt, _sessions[t.SessionId].RevokedReason))
                .ToList();
            return Task.FromResult(new RefreshTokenPage(tokens.Count, page));
        }
    }

    public Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, int>>(_sessions.Values
                .Where(s => userIds.Contains(s.UserId) && s.IsActive(now))
                .GroupBy(s => s.UserId)
                .ToDictionary(g => g.Key, g => g.Count()));
        }
    }

    public Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RevocationEntry>>(_log.Where(e => e.Id > afterId).OrderBy(e => e.Id).Take(max).ToList());
        }
    }

    public Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        Task.FromResult(default(PruneResult));
}
