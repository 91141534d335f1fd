using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// A presented refresh token as the store knows it: valid signature and claims, of type refresh,
/// recorded for this user and session, not blacklisted, its session active.
/// </summary>
internal sealed class RefreshTokenLookup(TokenServices tokens, ISessionStore store)
{
    public async Task<(TokenFailure Failure, TokenContents? Contents, RefreshTokenState? State)> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var (failure, contents) = await CheckAsync(token).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return (failure, null, null);
        }

        (failure, var state) = await FindAsync(contents!, cancellationToken).ConfigureAwait(false);
        return (failure, contents, state);
    }

    /// <summary>
    /// The token's signature, claims and type, before the store is asked: a token without a
    /// <c>sid</c> (issued by SimpleJWT) is asked of <see cref="ImportedRefreshTokens"/> instead.
    /// </summary>
    public async Task<(TokenFailure Failure, TokenContents? Contents)> CheckAsync(string token)
    {
        var check = await tokens.CheckAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return (check.Failure, null);
        }

        return check.Contents!.Type == TokenType.Refresh ? (TokenFailure.None, check.Contents) : (TokenFailure.WrongType, null);
    }

    /// <summary>The store's record of a validated refresh token; refused when unknown, blacklisted or of an ended session.</summary>
    public async Task<(TokenFailure Failure, RefreshTokenState? State)> FindAsync(TokenContents contents, CancellationToken cancellationToken)
    {
        if (!JwtAuthIds.TryParse(contents.TokenId, out var tokenId))
        {
            return (TokenFailure.Unknown, null);
        }

        var state = await store.FindRefreshTokenAsync(tokenId, cancellationToken).ConfigureAwait(false);
        if (state is null || state.Token.UserId != contents.UserId || state.Session.Id != contents.SessionId)
        {
            return (TokenFailure.Unknown, null);
        }

        return state.Token.BlacklistedAt is not null || !state.Session.IsActive(tokens.Time.GetUtcNow())
            ? (TokenFailure.Blacklisted, null)
            : (TokenFailure.None, state);
    }
}
