using JwtAuth.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Flows;

/// <summary>
/// SimpleJWT's verify: any token type; signature, lifetime and claims, then the same revocation
/// rule the authentication handler applies, and for a refresh token its record in the store (or,
/// without a session, its imported SimpleJWT record).
/// </summary>
/// <remarks>
/// The refresh token's collaborators are resolved from the request's scope only for a refresh
/// token: built for every call, their graph (the store's context, the user manager) cost verify
/// about a tenth of its throughput for access tokens, which never need them.
/// </remarks>
internal sealed class VerifyFlow(TokenServices tokens, IServiceProvider services)
{
    public async Task<TokenResult> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var (failure, _) = await InspectAsync(token, cancellationToken).ConfigureAwait(false);
        return failure == TokenFailure.None ? TokenResult.Ok : TokenResult.Fail(failure);
    }

    /// <summary>Verify's verdict with what the token says when it passes (token introspection's answer).</summary>
    public async Task<(TokenFailure Failure, TokenContents? Contents)> InspectAsync(string token, CancellationToken cancellationToken)
    {
        var check = await tokens.CheckAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return (check.Failure, null);
        }

        var contents = check.Contents!;
        if (tokens.IsRevoked(contents.Type, contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return (TokenFailure.Blacklisted, null);
        }

        if (contents.Type != TokenType.Refresh)
        {
            return (TokenFailure.None, contents);
        }

        if (contents.SessionId == Guid.Empty)
        {
            var importedFailure = await services.GetRequiredService<ImportedRefreshTokens>().CheckAsync(contents, cancellationToken).ConfigureAwait(false);
            return importedFailure == TokenFailure.None ? (TokenFailure.None, contents) : (importedFailure, null);
        }

        var (failure, state) = await services.GetRequiredService<RefreshTokenLookup>().FindAsync(contents, cancellationToken).ConfigureAwait(false);
        return failure != TokenFailure.None ? (failure, null)
            : state!.Token.ConsumedAt is not null ? (TokenFailure.Blacklisted, null)
            : (TokenFailure.None, contents);
    }
}
