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
        var check = await tokens.CheckAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return (check.Failure, null, null);
        }

        var contents = check.Contents!;
        if (contents.Type != TokenType.Refresh)
        {
            return (TokenFailure.WrongType, null, null);
        }

        var (failure, state) = await FindAsync(contents, cancellationToken).ConfigureAwait(false);
        return (failure, contents, state);
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
