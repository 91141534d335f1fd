using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// Renews a sliding token: allowed while its <c>refresh_exp</c> lies ahead even if its <c>exp</c>
/// has passed (SimpleJWT issue #21), and never past its session.
/// </summary>
internal sealed class SlidingRefreshFlow(TokenServices tokens, ISessionStore store, ActiveUsers users, TokenMinter minter)
{
    public async Task<TokenResult> RefreshAsync(string token, ClientInfo client, CancellationToken cancellationToken)
    {
        var check = await tokens.Validator.ValidateAsync(token, checkExpiry: false).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return TokenResult.Fail(check.Failure);
        }

        var contents = check.Contents!;
        if (contents.Type != TokenType.Sliding)
        {
            return TokenResult.Fail(TokenFailure.WrongType);
        }

        var now = tokens.Time.GetUtcNow();
        if (!TokenClaimRules.IsUnexpired(contents.RefreshExpiresAt, now.ToUnixTimeSeconds(), (long)tokens.Options.Leeway.TotalSeconds))
        {
            return TokenResult.Fail(TokenFailure.RefreshExpExpired);
        }

        var session = contents.SessionId == Guid.Empty ? null : await store.FindSessionAsync(contents.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || session.UserId != contents.UserId)
        {
            return TokenResult.Fail(TokenFailure.Unknown);
        }

        if (!session.IsActive(now) || tokens.IsRevoked(TokenType.Refresh, contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return TokenResult.Fail(TokenFailure.Blacklisted);
        }

        var user = await users.FindByIdAsync(contents.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return TokenResult.Fail(TokenFailure.InactiveAccount);
        }

        var refreshExpiresAt = DateTimeOffset.FromUnixTimeSeconds(contents.RefreshExpiresAt);
        var renewed = await minter.IssueAsync(user, TokenType.Sliding, session, now, client, refreshExpiresAt: refreshExpiresAt).ConfigureAwait(false);
        await store.TouchSessionAsync(session.Id, renewed.ExpiresAt, now, cancellationToken).ConfigureAwait(false);
        return new TokenResult { Sliding = renewed };
    }
}
