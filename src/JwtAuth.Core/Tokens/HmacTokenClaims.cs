namespace JwtAuth.Tokens;

/// <summary>
/// The claims <see cref="HmacTokenReader"/> read from an accepted token. The two texts are ranges of
/// the caller's character buffer, so that the revocation check runs before any string exists.
/// </summary>
/// <param name="Type">The <c>token_type</c>.</param>
/// <param name="TokenId">The <c>jti</c>, as a range of the caller's buffer.</param>
/// <param name="UserId">The user id, as a range of the caller's buffer (a numeric id as its decimal text).</param>
/// <param name="SessionId">The <c>sid</c>; <see cref="Guid.Empty"/> when absent.</param>
/// <param name="ExpiresAt"><c>exp</c>, epoch seconds.</param>
/// <param name="IssuedAt"><c>iat</c>, epoch seconds; 0 when absent.</param>
/// <param name="RefreshExpiresAt">A sliding token's <c>refresh_exp</c>; 0 otherwise.</param>
/// <param name="HasHostClaims">Whether the payload holds claims beyond JwtAuth's own (a host's, from <c>OnIssuingToken</c>).</param>
internal readonly record struct HmacTokenClaims(
    TokenType Type,
    Range TokenId,
    Range UserId,
    Guid SessionId,
    long ExpiresAt,
    long IssuedAt,
    long RefreshExpiresAt,
    bool HasHostClaims);
