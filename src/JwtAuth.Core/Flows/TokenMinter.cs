using JwtAuth.Diagnostics;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using JwtAuth.Users;

namespace JwtAuth.Flows;

/// <summary>
/// Signs a token of a session: raises <see cref="IssuingTokenContext"/> for the host's claims,
/// applies the lifetime of its type, and never lets it outlive its session.
/// </summary>
internal sealed class TokenMinter(TokenServices tokens, ITokenFlowEvents events, JwtAuthMetrics metrics)
{
    public async Task<IssuedToken> IssueAsync(
        JwtAuthUser user,
        TokenType type,
        SessionRecord session,
        DateTimeOffset issuedAt,
        ClientInfo client,
        Guid? tokenId = null,
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? refreshExpiresAt = null)
    {
        var options = tokens.Options;
        var context = new IssuingTokenContext(user, type, client, options);
        await events.IssuingTokenAsync(context).ConfigureAwait(false);
        var lifetime = type switch
        {
            TokenType.Access => options.AccessTokenLifetime,
            TokenType.Refresh => options.RefreshTokenLifetime,
            _ => options.SlidingTokenLifetime,
        };
        var exp = expiresAt ?? CapToSession(issuedAt + lifetime, session);
        if (refreshExpiresAt is { } refreshExp && refreshExp < exp)
        {
            exp = refreshExp;
        }

        metrics.TokenIssued(type);
        return tokens.Issuer.Issue(new TokenRequest
        {
            Type = type,
            UserId = user.Id,
            SessionId = session.Id,
            IssuedAt = issuedAt,
            ExpiresAt = exp,
            TokenId = tokenId,
            RefreshExpiresAt = refreshExpiresAt,
            ExtraClaims = context.Claims.Count == 0 ? null : context.Claims,
        });
    }

    /// <summary>No token outlives its session.</summary>
    public static DateTimeOffset CapToSession(DateTimeOffset expiresAt, SessionRecord session) =>
        expiresAt < session.ExpiresAt ? expiresAt : session.ExpiresAt;

    /// <summary>What the store records of an issued refresh token: its id and times, never its text.</summary>
    public static RefreshTokenRecord ToRecord(IssuedToken token, SessionRecord session) => new()
    {
        Id = token.Id,
        SessionId = session.Id,
        UserId = session.UserId,
        IssuedAt = token.IssuedAt,
        ExpiresAt = token.ExpiresAt,
    };
}
