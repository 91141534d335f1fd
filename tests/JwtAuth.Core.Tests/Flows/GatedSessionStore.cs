using JwtAuth.Audit;
using JwtAuth.Testing;
using JwtAuth.Revocation;
using JwtAuth.Sessions;

namespace JwtAuth.Tests.Flows;

/// <summary>A store whose first rotation (or, with <c>gateCreate</c>, first session insert) waits at a gate until the test releases it.</summary>
internal sealed class GatedSessionStore(ISessionStore inner, bool gateCreate = false) : ISessionStore
{
    private readonly TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public Task Parked => _parked.Task;

    public void Release() => _release.TrySetResult();

    public async Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!gateCreate)
        {
            await ParkFirstAsync();
        }

        return await inner.TryRotateAsync(consumedId, successor, tokensExpireAt, now, cancellationToken);
    }

    public async Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, AuditEvent? audit, CancellationToken cancellationToken)
    {
        if (gateCreate)
        {
            await ParkFirstAsync();
        }

        return await inner.CreateSessionAsync(session, firstToken, expectedEpoch, audit, cancellationToken);
    }

    private async Task ParkFirstAsync()
    {
        if (Interlocked.Increment(ref _calls) == 1)
        {
            _parked.TrySetResult();
            await _release.Task;
        }
    }

    public Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken) => inner.GetUserEpochAsync(userId, cancellationToken);


    public Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken) => inner.FindRefreshTokenAsync(tokenId, cancellationToken);

    public Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken) => inner.FindSessionAsync(sessionId, cancellationToken);

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) => inner.TouchSessionAsync(sessionId, tokensExpireAt, now, cancellationToken);

    public Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken) => inner.EndSessionsAsync(request, cancellationToken);

    public Task<RevocationEntry> AppendUserChangedAsync(string userId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken) => inner.AppendUserChangedAsync(userId, now, retention, cancellationToken);

    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) => inner.ListActiveSessionsAsync(userId, now, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken) => inner.CountActiveSessionsAsync(userIds, now, cancellationToken);

    public Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken) => inner.ListRefreshTokensAsync(userId, skip, take, cancellationToken);

    public Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken) => inner.ReadRevocationsAsync(afterId, max, cancellationToken);

    public Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => inner.PruneAsync(now, batchSize, cancellationToken);
}
