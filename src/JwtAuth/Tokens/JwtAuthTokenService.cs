using JwtAuth.Authentication;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Tokens;

/// <summary>
/// The token endpoints' logic: obtain, refresh with atomic rotation and reuse detection, verify,
/// blacklist, and sliding tokens.
/// </summary>
internal sealed partial class JwtAuthTokenService(
    TokenServices tokens,
    ISessionStore store,
    IJwtAuthUserService users,
    IJwtAuthSessions sessions,
    RevocationRegistry registry,
    ILogger<JwtAuthTokenService> logger)
{
    private const int MaxUserAgentLength = 256;

    private JwtAuthOptions Options => tokens.Options;

    private DateTimeOffset Now => tokens.Time.GetUtcNow();

    /// <summary>Checks credentials and opens a session: a refresh/access pair, or a sliding token.</summary>
    public async Task<TokenResult> ObtainAsync(HttpContext http, string userName, string password, bool sliding, CancellationToken cancellationToken)
    {
        var user = await users.FindByCredentialsAsync(userName, password, cancellationToken).ConfigureAwait(false);
        if (user is null || (Options.CheckUserIsActive && !user.IsActive))
        {
            return TokenResult.InactiveAccount;
        }

        var now = Now;
        var session = new SessionRecord
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + Options.SessionLifetime,
            RefreshExpiresAt = now + Options.SessionLifetime,
            UserAgent = Truncate(http.Request.Headers[HeaderNames.UserAgent].ToString()),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
        };

        TokenResult result;
        if (sliding)
        {
            var refreshExpiresAt = Cap(now + Options.SlidingTokenRefreshLifetime, session);
            var token = await IssueAsync(http, user, TokenType.Sliding, session, now, refreshExpiresAt: refreshExpiresAt).ConfigureAwait(false);
            await store.CreateSessionAsync(session with { RefreshExpiresAt = WholeSeconds(refreshExpiresAt) }, null, cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Sliding = token };
        }
        else
        {
            var refresh = await IssueAsync(http, user, TokenType.Refresh, session, now).ConfigureAwait(false);
            var access = await IssueAsync(http, user, TokenType.Access, session, now).ConfigureAwait(false);
            await store.CreateSessionAsync(session with { RefreshExpiresAt = refresh.ExpiresAt }, ToRecord(refresh, session), cancellationToken).ConfigureAwait(false);
            result = new TokenResult { Access = access, Refresh = refresh };
        }

        if (Options.UpdateLastLogin)
        {
            await users.RecordLoginAsync(user.Id, now, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Exchanges a refresh token for a new access token and, with rotation, consumes it for its
    /// successor. A consumed token presented again ends its session (reuse).
    /// </summary>
    public async Task<TokenResult> RefreshAsync(HttpContext http, string token, CancellationToken cancellationToken)
    {
        var (failure, contents, state) = await LoadRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TokenResult.Fail(failure);
        }

        var now = Now;
        if (state!.Token.ConsumedAt is not null)
        {
            return await HandleRepeatAsync(http, state, now, cancellationToken).ConfigureAwait(false);
        }

        var user = await users.FindByIdAsync(contents!.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || (Options.CheckUserIsActive && !user.IsActive))
        {
            return TokenResult.InactiveAccount;
        }

        var session = state.Session;
        var access = await IssueAsync(http, user, TokenType.Access, session, now).ConfigureAwait(false);
        if (!Options.RotateRefreshTokens)
        {
            await store.TouchSessionAsync(session.Id, now, cancellationToken).ConfigureAwait(false);
            return new TokenResult { Access = access };
        }

        // Without BlacklistAfterRotation (SimpleJWT's opt-out) the old token stays usable: nothing is consumed.
        var successor = await IssueAsync(http, user, TokenType.Refresh, session, now).ConfigureAwait(false);
        var consumed = Options.BlacklistAfterRotation ? state.Token.Id : (Guid?)null;
        if (await store.TryRotateAsync(consumed, ToRecord(successor, session), now, cancellationToken).ConfigureAwait(false))
        {
            return new TokenResult { Access = access, Refresh = successor };
        }

        // Another request consumed it first: this one is a repeat.
        var current = await store.FindRefreshTokenAsync(state.Token.Id, cancellationToken).ConfigureAwait(false);
        return current is null || current.Token.ConsumedAt is null
            ? TokenResult.Fail(TokenFailure.Blacklisted)
            : await HandleRepeatAsync(http, current, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks any token: signature, lifetime, type, and whether it or its session was revoked.</summary>
    public async Task<TokenFailure> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var check = await tokens.Validator.ValidateAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return check.Failure;
        }

        var contents = check.Contents!;
        if (registry.IsRevoked(contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return TokenFailure.Blacklisted;
        }

        if (contents.Type != TokenType.Refresh)
        {
            return TokenFailure.None;
        }

        var (failure, state) = await FindRefreshTokenAsync(contents, cancellationToken).ConfigureAwait(false);
        return failure != TokenFailure.None ? failure
            : state!.Token.ConsumedAt is not null ? TokenFailure.Blacklisted
            : TokenFailure.None;
    }

    /// <summary>SimpleJWT's blacklist endpoint: ends the refresh token's whole session.</summary>
    public async Task<TokenFailure> BlacklistAsync(HttpContext http, string token, CancellationToken cancellationToken)
    {
        var (failure, _, state) = await LoadRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return failure;
        }

        if (state!.Token.ConsumedAt is not null)
        {
            await EndForReuseAsync(http, state, cancellationToken).ConfigureAwait(false);
            return TokenFailure.Blacklisted;
        }

        await sessions.EndSessionAsync(state.Session.UserId, state.Session.Id, SessionEndReasons.Blacklisted, cancellationToken).ConfigureAwait(false);
        return TokenFailure.None;
    }

    /// <summary>
    /// Validates a refresh token for logout by a bearer of session <paramref name="bearerSessionId"/>:
    /// it must be a live refresh token of that session (or, for a bearer without a session, of that
    /// user). A valid token of another session gives no failure and no session.
    /// </summary>
    public async Task<(TokenFailure Failure, SessionRecord? Session)> FindLogoutSessionAsync(string token, string userId, Guid bearerSessionId, CancellationToken cancellationToken)
    {
        var (failure, _, state) = await LoadRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return (failure, null);
        }

        var session = state!.Session;
        var belongs = bearerSessionId == Guid.Empty ? session.UserId == userId : session.Id == bearerSessionId;
        return (TokenFailure.None, belongs ? session : null);
    }

    /// <summary>
    /// Renews a sliding token: allowed while its <c>refresh_exp</c> lies ahead even if its <c>exp</c>
    /// has passed (SimpleJWT issue #21), and never past its session.
    /// </summary>
    public async Task<TokenResult> RefreshSlidingAsync(HttpContext http, string token, CancellationToken cancellationToken)
    {
        var check = await tokens.Validator.ValidateAsync(token, checkExpiry: false).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return TokenResult.Fail(check.Failure);
        }

        var contents = check.Contents!;
        if (contents.Type != TokenType.Sliding)
        {
            return TokenResult.Fail(TokenFailure.WrongType);
        }

        var now = Now;
        if (!TokenClaimRules.IsUnexpired(contents.RefreshExpiresAt, now.ToUnixTimeSeconds(), (long)Options.Leeway.TotalSeconds))
        {
            return TokenResult.Fail(TokenFailure.RefreshExpExpired);
        }

        var session = contents.SessionId == Guid.Empty ? null : await store.FindSessionAsync(contents.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || session.UserId != contents.UserId)
        {
            return TokenResult.Fail(TokenFailure.Unknown);
        }

        if (!session.IsActive(now) || registry.IsRevoked(contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return TokenResult.Fail(TokenFailure.Blacklisted);
        }

        var user = await users.FindByIdAsync(contents.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || (Options.CheckUserIsActive && !user.IsActive))
        {
            return TokenResult.InactiveAccount;
        }

        var refreshExpiresAt = DateTimeOffset.FromUnixTimeSeconds(contents.RefreshExpiresAt);
        var renewed = await IssueAsync(http, user, TokenType.Sliding, session, now, refreshExpiresAt: refreshExpiresAt).ConfigureAwait(false);
        await store.TouchSessionAsync(session.Id, now, cancellationToken).ConfigureAwait(false);
        return new TokenResult { Sliding = renewed };
    }

    private async Task<(TokenFailure Failure, TokenContents? Contents, RefreshTokenState? State)> LoadRefreshTokenAsync(string token, CancellationToken cancellationToken)
    {
        var check = await tokens.Validator.ValidateAsync(token).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return (check.Failure, null, null);
        }

        var contents = check.Contents!;
        if (contents.Type != TokenType.Refresh)
        {
            return (TokenFailure.WrongType, null, null);
        }

        var (failure, state) = await FindRefreshTokenAsync(contents, cancellationToken).ConfigureAwait(false);
        return (failure, contents, state);
    }

    /// <summary>The store's record of a valid refresh token; refused when unknown, blacklisted or of an ended session.</summary>
    private async Task<(TokenFailure Failure, RefreshTokenState? State)> FindRefreshTokenAsync(TokenContents contents, CancellationToken cancellationToken)
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

        return state.Token.BlacklistedAt is not null || !state.Session.IsActive(Now)
            ? (TokenFailure.Blacklisted, null)
            : (TokenFailure.None, state);
    }

    private async Task<TokenResult> HandleRepeatAsync(HttpContext http, RefreshTokenState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grace = Options.RefreshReuseGracePeriod;
        if (grace > TimeSpan.Zero && state.Token.ConsumedAt + grace > now
            && state.Successor is { ConsumedAt: null, BlacklistedAt: null } successor
            && state.Session.IsActive(now))
        {
            // A client that lost the response retries the parent: give it the same successor, no fork.
            var user = await users.FindByIdAsync(state.Session.UserId, cancellationToken).ConfigureAwait(false);
            if (user is null || (Options.CheckUserIsActive && !user.IsActive))
            {
                return TokenResult.InactiveAccount;
            }

            var again = await IssueAsync(http, user, TokenType.Refresh, state.Session, successor.IssuedAt, successor.Id, successor.ExpiresAt).ConfigureAwait(false);
            var access = await IssueAsync(http, user, TokenType.Access, state.Session, now).ConfigureAwait(false);
            return new TokenResult { Access = access, Refresh = again };
        }

        await EndForReuseAsync(http, state, cancellationToken).ConfigureAwait(false);
        return TokenResult.Fail(TokenFailure.Blacklisted);
    }

    private async Task EndForReuseAsync(HttpContext http, RefreshTokenState state, CancellationToken cancellationToken)
    {
        var session = state.Session;
        LogReuse(session.UserId, JwtAuthIds.Format(session.Id), JwtAuthIds.Format(state.Token.Id), http.Connection.RemoteIpAddress?.ToString());
        await sessions.EndSessionAsync(session.UserId, session.Id, SessionEndReasons.RefreshTokenReuse, cancellationToken).ConfigureAwait(false);
        await tokens.Options.Events.RefreshTokenReused(new RefreshTokenReusedContext(http, session.UserId, session.Id, state.Token.Id)).ConfigureAwait(false);
    }

    private async Task<IssuedToken> IssueAsync(
        HttpContext http,
        JwtAuthUser user,
        TokenType type,
        SessionRecord session,
        DateTimeOffset issuedAt,
        Guid? tokenId = null,
        DateTimeOffset? expiresAt = null,
        DateTimeOffset? refreshExpiresAt = null)
    {
        var context = new IssuingTokenContext(http, user, type, Options);
        await Options.Events.IssuingToken(context).ConfigureAwait(false);
        var lifetime = type switch
        {
            TokenType.Access => Options.AccessTokenLifetime,
            TokenType.Refresh => Options.RefreshTokenLifetime,
            _ => Options.SlidingTokenLifetime,
        };
        var exp = expiresAt ?? Cap(issuedAt + lifetime, session);
        if (refreshExpiresAt is { } refreshExp && refreshExp < exp)
        {
            exp = refreshExp;
        }

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
    private static DateTimeOffset Cap(DateTimeOffset expiresAt, SessionRecord session) =>
        expiresAt < session.ExpiresAt ? expiresAt : session.ExpiresAt;

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static RefreshTokenRecord ToRecord(IssuedToken token, SessionRecord session) => new()
    {
        Id = token.Id,
        SessionId = session.Id,
        UserId = session.UserId,
        IssuedAt = token.IssuedAt,
        ExpiresAt = token.ExpiresAt,
    };

    private static string? Truncate(string value) =>
        value.Length == 0 ? null : value.Length <= MaxUserAgentLength ? value : value[..MaxUserAgentLength];

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "Security: refresh token reuse detected for user {UserId}; session {SessionId} ended (token {TokenId}, from {RemoteIp})")]
    private partial void LogReuse(string userId, string sessionId, string tokenId, string? remoteIp);
}
