using System.Buffers;
using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>
/// SimpleJWT's verify: any token type; signature, lifetime and claims, then the same revocation
/// rule the authentication handler applies, and for a refresh token its record in the store.
/// </summary>
internal sealed class VerifyFlow(TokenServices tokens, RefreshTokenLookup lookup)
{
    private const int StackTextChars = 512;

    public async Task<TokenResult> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        // HMAC tokens take the bearer handler's path (same verdicts as the validator, tested so),
        // which settles every token but a valid refresh token without allocating.
        if (tokens.HmacReader is { } reader && VerifyHmac(reader, token) is { } verdict)
        {
            return verdict;
        }

        var check = await tokens.Validator.ValidateAsync(token).ConfigureAwait(false);
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

        var (failure, state) = await lookup.FindAsync(contents, cancellationToken).ConfigureAwait(false);
        return failure != TokenFailure.None ? TokenResult.Fail(failure)
            : state!.Token.ConsumedAt is not null ? TokenResult.Fail(TokenFailure.Blacklisted)
            : TokenResult.Ok;
    }

    /// <summary>The verdict on an HMAC token, or null for a valid refresh token, whose record decides.</summary>
    private TokenResult? VerifyHmac(HmacTokenReader reader, string token)
    {
        char[]? rented = null;
        // The reader refuses an over-long token before it looks at the buffer.
        var text = token.Length <= StackTextChars ? stackalloc char[token.Length]
            : token.Length <= tokens.Options.MaxTokenLength ? (rented = ArrayPool<char>.Shared.Rent(token.Length))
            : default;
        try
        {
            var failure = reader.Read(token, tokens.Time.GetUtcNow().ToUnixTimeSeconds(), text, out var claims);
            return failure != TokenFailure.None ? TokenResult.Fail(failure)
                : claims.Type == TokenType.Refresh ? null
                : tokens.IsRevoked(claims.Type, claims.SessionId, text[claims.UserId], claims.IssuedAt) ? TokenResult.Fail(TokenFailure.Blacklisted)
                : TokenResult.Ok;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
