using JwtAuth.Sessions;

namespace JwtAuth.Testing;

/// <summary>
/// The store calls as tests that are not about the epoch or token expiries make them: create at
/// the user's current epoch; a rotation or a touch that extends no token's life.
/// </summary>
internal static class SessionStoreTestExtensions
{
    public static async Task CreateSessionAsync(this ISessionStore store, SessionRecord session, RefreshTokenRecord? firstToken, CancellationToken cancellationToken)
    {
        var epoch = await store.GetUserEpochAsync(session.UserId, cancellationToken);
        if (!await store.CreateSessionAsync(session, firstToken, epoch, audit: null, cancellationToken))
        {
            throw new InvalidOperationException("The user's epoch moved while the test created a session.");
        }
    }

    public static Task<bool> TryRotateAsync(this ISessionStore store, Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.TryRotateAsync(consumedId, successor, DateTimeOffset.MinValue, now, cancellationToken);

    public static Task TouchSessionAsync(this ISessionStore store, Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.TouchSessionAsync(sessionId, DateTimeOffset.MinValue, now, cancellationToken);
}
