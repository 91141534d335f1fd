using JwtAuth.Diagnostics;
using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// Exchanges a refresh token for a new access token and, with rotation, consumes it for its
/// successor in one conditional write: of concurrent refreshes of one token exactly one wins, and a
/// consumed token presented again is a repeat (<see cref="ReusedRefreshTokens"/>).
/// </summary>
internal sealed class RefreshFlow(
    TokenServices tokens,
    ISessionStore store,
    ActiveUsers users,
    TokenMinter minter,
    RefreshTokenLookup lookup,
    ReusedRefreshTokens reuse,
    ImportedRefreshTokens imported,
    JwtAuthMetrics metrics)
{
    public async Task<TokenResult> RefreshAsync(string token, ClientInfo client, CancellationToken cancellationToken)
    {
        var result = await RefreshTokenAsync(token, client, cancellationToken).ConfigureAwait(false);
        metrics.Refreshed(result.Failure);
        return result;
    }

    private async Task<TokenResult> RefreshTokenAsync(string token, ClientInfo client, CancellationToken cancellationToken)
    {
        var (failure, contents) = await lookup.CheckAsync(token).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        if (contents!.SessionId == Guid.Empty)
        {
            return await imported.RedeemAsync(contents, client, cancellationToken).ConfigureAwait(false);
        }

        (failure, var state) = await lookup.FindAsync(contents, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        var now = tokens.Time.GetUtcNow();
        if (state!.Token.ConsumedAt is not null)
        {
            return await reuse.AnswerRepeatAsync(state, now, client, cancellationToken).ConfigureAwait(false);
        }

        var user = await users.FindByIdAsync(contents.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return TokenResult.Fail(TokenFailure.InactiveAccount);
        }

        var options = tokens.Options;
        var session = state.Session;
        var access = await minter.IssueAsync(user, TokenType.Access, session, now, client).ConfigureAwait(false);
        if (!options.RotateRefreshTokens)
        {
            await store.TouchSessionAsync(session.Id, access.ExpiresAt, now, cancellationToken).ConfigureAwait(false);
            return new TokenResult { Access = access };
        }

        // Without BlacklistAfterRotation (SimpleJWT's opt-out) the old token stays usable: nothing is consumed.
        var successor = await minter.IssueAsync(user, TokenType.Refresh, session, now, client).ConfigureAwait(false);
        var consumed = options.BlacklistAfterRotation ? state.Token.Id : (Guid?)null;
        if (await store.TryRotateAsync(consumed, TokenMinter.ToRecord(successor, session), access.ExpiresAt, now, cancellationToken).ConfigureAwait(false))
        {
            return new TokenResult { Access = access, Refresh = successor };
        }

        // Another request consumed it first: this one is a repeat.
        var current = await store.FindRefreshTokenAsync(state.Token.Id, cancellationToken).ConfigureAwait(false);
        return current is null || current.Token.ConsumedAt is null
            ? TokenResult.Fail(TokenFailure.Blacklisted)
            : await reuse.AnswerRepeatAsync(current, now, client, cancellationToken).ConfigureAwait(false);
    }
}
