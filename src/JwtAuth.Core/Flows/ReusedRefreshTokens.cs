using JwtAuth.Diagnostics;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Flows;

/// <summary>
/// A consumed refresh token presented again: within <see cref="JwtAuthOptions.RefreshReuseGracePeriod"/>
/// the same successor is handed out again (a client retrying a lost answer); otherwise it is reuse,
/// and the whole session ends.
/// </summary>
internal sealed partial class ReusedRefreshTokens(
    TokenServices tokens,
    ISessionStore store,
    ActiveUsers users,
    TokenMinter minter,
    IJwtAuthSessions sessions,
    ITokenFlowEvents events,
    JwtAuthMetrics metrics,
    ILogger<ReusedRefreshTokens> logger)
{
    public async Task<TokenResult> AnswerRepeatAsync(RefreshTokenState state, DateTimeOffset now, ClientInfo client, CancellationToken cancellationToken)
    {
        var grace = tokens.Options.RefreshReuseGracePeriod;
        if (grace > TimeSpan.Zero && state.Token.ConsumedAt + grace > now
            && state.Successor is { ConsumedAt: null, BlacklistedAt: null } successor
            && state.Session.IsActive(now))
        {
            var user = await users.FindByIdAsync(state.Session.UserId, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return TokenResult.Fail(TokenFailure.InactiveAccount);
            }

            // The same successor (same jti and expiry), so the retry forks nothing.
            var again = await minter.IssueAsync(user, TokenType.Refresh, state.Session, successor.IssuedAt, client, successor.Id, successor.ExpiresAt).ConfigureAwait(false);
            var access = await minter.IssueAsync(user, TokenType.Access, state.Session, now, client).ConfigureAwait(false);
            await store.TouchSessionAsync(state.Session.Id, access.ExpiresAt, now, cancellationToken).ConfigureAwait(false);
            return new TokenResult { Access = access, Refresh = again };
        }

        await EndSessionAsync(state, client, cancellationToken).ConfigureAwait(false);
        return TokenResult.Fail(TokenFailure.Blacklisted);
    }

    /// <summary>Ends the session of a reused token, logs it as a security event and raises the event.</summary>
    public async Task EndSessionAsync(RefreshTokenState state, ClientInfo client, CancellationToken cancellationToken)
    {
        var session = state.Session;
        LogReuse(session.UserId, JwtAuthIds.Format(session.Id), JwtAuthIds.Format(state.Token.Id), client.IpAddress);
        metrics.RefreshTokenReused();
        await sessions.EndSessionAsync(session.UserId, session.Id, SessionEndReasons.RefreshTokenReuse, cancellationToken).ConfigureAwait(false);
        await events.RefreshTokenReusedAsync(new RefreshTokenReusedContext(session.UserId, session.Id, state.Token.Id, client)).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "Security: refresh token reuse detected for user {UserId}; session {SessionId} ended (token {TokenId}, from {RemoteIp})")]
    private partial void LogReuse(string userId, string sessionId, string tokenId, string? remoteIp);
}
