using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>Login: checks the credentials and opens a session with a refresh/access pair, or a sliding token.</summary>
internal sealed class ObtainFlow(TokenServices tokens, ISessionStore store, ActiveUsers users, TokenMinter minter)
{
    public async Task<TokenResult> ObtainAsync(string userName, string password, bool sliding, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await users.FindByCredentialsAsync(userName, password, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return TokenResult.Fail(TokenFailure.BadCredentials);
        }

        var options = tokens.Options;
        var now = tokens.Time.GetUtcNow();
        var session = new SessionRecord
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + options.SessionLifetime,
            RefreshExpiresAt = now + options.SessionLifetime,
            UserAgent = client.StoredUserAgent,
            IpAddress = client.IpAddress,
        };

        TokenResult result;
        if (sliding)
        {
            var refreshExpiresAt = TokenMinter.CapToSession(now + options.SlidingTokenRefreshLifetime, session);
            var token = await minter.IssueAsync(user, TokenType.Sliding, session, now, client, refreshExpiresAt: refreshExpiresAt).ConfigureAwait(false);
            // refresh_exp travels in whole seconds: the session ends when the token says it does.
            var wholeSeconds = DateTimeOffset.FromUnixTimeSeconds(refreshExpiresAt.ToUnixTimeSeconds());
            await store.CreateSessionAsync(session with { RefreshExpiresAt = wholeSeconds }, null, cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Sliding = token };
        }
        else
        {
            var refresh = await minter.IssueAsync(user, TokenType.Refresh, session, now, client).ConfigureAwait(false);
            var access = await minter.IssueAsync(user, TokenType.Access, session, now, client).ConfigureAwait(false);
            await store.CreateSessionAsync(session with { RefreshExpiresAt = refresh.ExpiresAt }, TokenMinter.ToRecord(refresh, session), cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Access = access, Refresh = refresh };
        }

        await users.RecordLoginAsync(user.Id, now, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
