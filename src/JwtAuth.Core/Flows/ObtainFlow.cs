using JwtAuth.Audit;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using JwtAuth.Users;

namespace JwtAuth.Flows;

/// <summary>
/// Login: checks the credentials (or takes a user the host has signed in another way) and opens a
/// session with a refresh/access pair, or a sliding token.
/// </summary>
internal sealed class ObtainFlow(TokenServices tokens, ISessionStore store, ActiveUsers users, TokenMinter minter, AuditTrail? audit = null)
{
    public async Task<TokenResult> ObtainAsync(string userName, string password, bool sliding, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await users.FindByCredentialsAsync(userName, password, cancellationToken).ConfigureAwait(false);
        return user is null
            ? TokenResult.Fail(TokenFailure.BadCredentials)
            : await StartSessionAsync(user, SessionSignInMethods.Password, sliding, client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a session for a user the host has authenticated itself (a Telegram sign-in): the same
    /// active-user rule, session and tokens as a password login, recorded with <paramref name="signInMethod"/>.
    /// </summary>
    public async Task<TokenResult> SignInAsync(string userId, string signInMethod, bool sliding, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is null
            ? TokenResult.Fail(TokenFailure.BadCredentials)
            : await StartSessionAsync(user, signInMethod, sliding, client, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TokenResult> StartSessionAsync(JwtAuthUser user, string signInMethod, bool sliding, ClientInfo client, CancellationToken cancellationToken)
    {
        // The epoch is read after the user was found (for a login, after the password check) and held
        // while the session is inserted: an end-all (logout all, password change, disable) that
        // commits in between fails the insert, and one that commits after it ends the new session
        // with the others. A password change that committed before the epoch was read shows in the
        // security stamp re-read below.
        var epoch = await store.GetUserEpochAsync(user.Id, cancellationToken).ConfigureAwait(false);
        var current = await users.FindByIdAsync(user.Id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.SecurityStamp != user.SecurityStamp)
        {
            return TokenResult.Fail(TokenFailure.BadCredentials);
        }

        var now = tokens.Time.GetUtcNow();
        var session = NewSession(tokens.Options, user.Id, signInMethod, now, client);
        var login = audit?.Describe(AuditEventKinds.LoginSucceeded, user.Id, session.Id, signInMethod, client);
        TokenResult result;
        bool created;
        if (sliding)
        {
            var refreshExpiresAt = TokenMinter.CapToSession(now + tokens.Options.SlidingTokenRefreshLifetime, session);
            var token = await minter.IssueAsync(user, TokenType.Sliding, session, now, client, refreshExpiresAt: refreshExpiresAt).ConfigureAwait(false);
            // refresh_exp travels in whole seconds: the session ends when the token says it does.
            var wholeSeconds = DateTimeOffset.FromUnixTimeSeconds(refreshExpiresAt.ToUnixTimeSeconds());
            created = await store.CreateSessionAsync(
                session with { RefreshExpiresAt = wholeSeconds, TokensExpireAt = token.ExpiresAt }, null, epoch, login, cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Sliding = token };
        }
        else
        {
            var refresh = await minter.IssueAsync(user, TokenType.Refresh, session, now, client).ConfigureAwait(false);
            var access = await minter.IssueAsync(user, TokenType.Access, session, now, client).ConfigureAwait(false);
            created = await store.CreateSessionAsync(
                session with { RefreshExpiresAt = refresh.ExpiresAt, TokensExpireAt = access.ExpiresAt },
                TokenMinter.ToRecord(refresh, session),
                epoch,
                login,
                cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Access = access, Refresh = refresh };
        }

        if (!created)
        {
            // The user's sessions were ended while this login was under way: it ends with them.
            return TokenResult.Fail(TokenFailure.BadCredentials);
        }

        await users.RecordLoginAsync(user.Id, now, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A session opened now, before its tokens are minted (also a redeemed SimpleJWT token's, see <see cref="ImportedRefreshTokens"/>).</summary>
    internal static SessionRecord NewSession(JwtAuthOptions options, string userId, string signInMethod, DateTimeOffset now, ClientInfo client) => new()
    {
        Id = Guid.CreateVersion7(now),
        UserId = userId,
        CreatedAt = now,
        LastUsedAt = now,
        ExpiresAt = now + options.SessionLifetime,
        RefreshExpiresAt = now + options.SessionLifetime,
        TokensExpireAt = now,
        SignInMethod = signInMethod,
        UserAgent = client.StoredUserAgent,
        IpAddress = client.IpAddress,
    };
}
