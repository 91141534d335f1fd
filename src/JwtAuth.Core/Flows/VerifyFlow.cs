using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// SimpleJWT's verify: any token type; signature, lifetime and claims, then the same revocation
/// rule the authentication handler applies, and for a refresh token its record in the store.
/// </summary>
internal sealed class VerifyFlow(TokenServices tokens, RefreshTokenLookup lookup, ImportedRefreshTokens imported)
{
    public async Task<TokenResult> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var check = await tokens.CheckAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return TokenResult.Fail(check.Failure);
        }

        var contents = check.Contents!;
        if (tokens.IsRevoked(contents.Type, contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return TokenResult.Fail(TokenFailure.Blacklisted);
        }

        if (contents.Type != TokenType.Refresh)
        {
            return TokenResult.Ok;
        }

        if (contents.SessionId == Guid.Empty)
        {
            var importedFailure = await imported.CheckAsync(contents, cancellationToken).ConfigureAwait(false);
            return importedFailure == TokenFailure.None ? TokenResult.Ok : TokenResult.Fail(importedFailure);
        }

        var (failure, state) = await lookup.FindAsync(contents, cancellationToken).ConfigureAwait(false);
        return failure != TokenFailure.None ? TokenResult.Fail(failure)
            : state!.Token.ConsumedAt is not null ? TokenResult.Fail(TokenFailure.Blacklisted)
            : TokenResult.Ok;
    }
}
