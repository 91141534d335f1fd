using JwtAuth.Testing;
using JwtAuth.Revocation;
using JwtAuth.Sessions;

namespace JwtAuth.Tests.Flows;

/// <summary>A store whose first rotation waits at a gate until the test releases it.</summary>
internal sealed class GatedSessionStore(ISessionStore inner) : ISessionStore
{
    private readonly TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _rotations;

    public Task Parked => _parked.Task;

    public void Release() => _release.TrySetResult();

    public async Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _rotations) == 1)
        {
            _parked.TrySetResult();
            await _release.Task;
        }

        return await inner.TryRotateAsync(consumedId, successor, tokensExpireAt, now, cancellationToken);
    }

    public Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken) => inner.GetUserEpochAsync(userId, cancellationToken);

    public Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, CancellationToken cancellationToken) => inner.CreateSessionAsync(session, firstToken, expectedEpoch, cancellationToken);

    public Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken) => inner.FindRefreshTokenAsync(tokenId, cancellationToken);

    public Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken) => inner.FindSessionAsync(sessionId, cancellationToken);

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) => inner.TouchSessionAsync(sessionId, tokensExpireAt, now, cancellationToken);

    public Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken) => inner.EndSessionsAsync(request, cancellationToken);

    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) => inner.ListActiveSessionsAsync(userId, now, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken) => inner.CountActiveSessionsAsync(userIds, now, cancellationToken);

    public Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken) => inner.ReadRevocationsAsync(afterId, max, cancellationToken);

    public Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) => inner.PruneAsync(now, batchSize, cancellationToken);
}
