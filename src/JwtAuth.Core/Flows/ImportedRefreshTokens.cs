using JwtAuth.Audit;
using JwtAuth.Import;
using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// Refresh tokens SimpleJWT issued (no <c>sid</c>) that an import brought over: one that is
/// outstanding there and here is redeemed once for a new JwtAuth session; a second use, a
/// blacklisted one, or one of a user whose sessions were all ended since the import is refused as
/// blacklisted; one never imported is unknown, as without an import.
/// </summary>
internal sealed class ImportedRefreshTokens(
    TokenServices tokens,
    ISessionStore sessions,
    ActiveUsers users,
    TokenMinter minter,
    IImportedRefreshTokenStore? store = null,
    AuditTrail? audit = null)
{
    /// <summary>Verify: whether the token could be redeemed now.</summary>
    public async Task<TokenFailure> CheckAsync(TokenContents contents, CancellationToken cancellationToken) =>
        (await FindAsync(contents, cancellationToken).ConfigureAwait(false)).Failure;

    /// <summary>
    /// Refresh: consumes the token (one conditional write decides between concurrent uses), then
    /// opens a session with a fresh pair, as a login would.
    /// </summary>
    public async Task<TokenResult> RedeemAsync(TokenContents contents, ClientInfo client, CancellationToken cancellationToken)
    {
        var (failure, token) = await FindAsync(contents, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        var user = await users.FindByIdAsync(token!.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return TokenResult.Fail(TokenFailure.InactiveAccount);
        }

        var now = tokens.Time.GetUtcNow();
        if (!await store!.TryRedeemAsync(token.Id, now, cancellationToken).ConfigureAwait(false))
        {
            return TokenResult.Fail(TokenFailure.Blacklisted);
        }

        var session = ObtainFlow.NewSession(tokens.Options, user.Id, SessionSignInMethods.SimpleJwtRefreshToken, now, client);
        var refresh = await minter.IssueAsync(user, TokenType.Refresh, session, now, client).ConfigureAwait(false);
        var access = await minter.IssueAsync(user, TokenType.Access, session, now, client).ConfigureAwait(false);
        var created = await sessions.CreateSessionAsync(
            session with { RefreshExpiresAt = refresh.ExpiresAt, TokensExpireAt = access.ExpiresAt },
            TokenMinter.ToRecord(refresh, session),
            token.UserEpoch,
            audit?.Describe(AuditEventKinds.LoginSucceeded, user.Id, session.Id, SessionSignInMethods.SimpleJwtRefreshToken, client),
            cancellationToken).ConfigureAwait(false);

        // An end-all that committed after the check ends what the token would have become.
        return created ? new TokenResult { Access = access, Refresh = refresh } : TokenResult.Fail(TokenFailure.Blacklisted);
    }

    /// <summary>Blacklist: the token can no longer be redeemed; refused when it already could not.</summary>
    public async Task<TokenResult> BlacklistAsync(TokenContents contents, CancellationToken cancellationToken)
    {
        var (failure, token) = await FindAsync(contents, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        return await store!.TryBlacklistAsync(token!.Id, tokens.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            ? TokenResult.Ok
            : TokenResult.Fail(TokenFailure.Blacklisted);
    }

    private async Task<(TokenFailure Failure, ImportedRefreshToken? Token)> FindAsync(TokenContents contents, CancellationToken cancellationToken)
    {
        if (store is null || !JwtAuthIds.TryParse(contents.TokenId, out var tokenId))
        {
            return (TokenFailure.Unknown, null);
        }

        var token = await store.FindAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null || token.UserId != contents.UserId)
        {
            return (TokenFailure.Unknown, null);
        }

        if (token.State != ImportedRefreshTokenState.Outstanding
            || await sessions.GetUserEpochAsync(token.UserId, cancellationToken).ConfigureAwait(false) != token.UserEpoch)
        {
            return (TokenFailure.Blacklisted, null);
        }

        return (TokenFailure.None, token);
    }
}
