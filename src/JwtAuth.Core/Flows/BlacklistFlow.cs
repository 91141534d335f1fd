using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>SimpleJWT's blacklist: ends the refresh token's whole session, its access tokens included.</summary>
/// <remarks>An imported SimpleJWT refresh token (no session yet) is blacklisted alone (<see cref="ImportedRefreshTokens"/>).</remarks>
internal sealed class BlacklistFlow(RefreshTokenLookup lookup, ReusedRefreshTokens reuse, IJwtAuthSessions sessions, ImportedRefreshTokens imported)
{
    public async Task<TokenResult> BlacklistAsync(string token, ClientInfo client, CancellationToken cancellationToken)
    {
        var (failure, contents) = await lookup.CheckAsync(token).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        if (contents!.SessionId == Guid.Empty)
        {
            return await imported.BlacklistAsync(contents, cancellationToken).ConfigureAwait(false);
        }

        (failure, var state) = await lookup.FindAsync(contents, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        if (state!.Token.ConsumedAt is not null)
        {
            await reuse.EndSessionAsync(state, client, cancellationToken).ConfigureAwait(false);
            return TokenResult.Fail(TokenFailure.Blacklisted);
        }

        await sessions.EndSessionAsync(state.Session.UserId, state.Session.Id, SessionEndReasons.Blacklisted, cancellationToken).ConfigureAwait(false);
        return TokenResult.Ok;
    }
}
