using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// Logout by a bearer: ends the bearer's session. A refresh token sent along (SimpleJWT clients
/// send one) must be a live token of that session, or, for a bearer without a session, of that user.
/// </summary>
internal sealed class LogoutFlow(RefreshTokenLookup lookup, IJwtAuthSessions sessions)
{
    public async Task<TokenResult> LogoutAsync(string userId, Guid bearerSessionId, string? refreshToken, CancellationToken cancellationToken)
    {
        var sessionId = bearerSessionId;
        if (refreshToken is not null)
        {
            var (failure, _, state) = await lookup.LoadAsync(refreshToken, cancellationToken).ConfigureAwait(false);
            if (failure != TokenFailure.None)
            {
                return TokenResult.Fail(failure);
            }

            var session = state!.Session;
            var belongs = bearerSessionId == Guid.Empty ? session.UserId == userId : session.Id == bearerSessionId;
            if (!belongs)
            {
                return TokenResult.Fail(TokenFailure.NotOfBearerSession);
            }

            sessionId = session.Id;
        }
        else if (sessionId == Guid.Empty)
        {
            return TokenResult.Fail(TokenFailure.NoSession);
        }

        await sessions.EndSessionAsync(userId, sessionId, SessionEndReasons.Logout, cancellationToken).ConfigureAwait(false);
        return TokenResult.Ok;
    }
}
