using JwtAuth.Audit;
using JwtAuth.Diagnostics;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Sessions;

/// <summary>
/// Ends sessions: the store writes the session rows and the revocation log in one transaction,
/// then this node's registry applies the entries (and the host's user change observers hear of
/// them) before the caller answers.
/// </summary>
internal sealed partial class JwtAuthSessions(
    ISessionStore store,
    RevocationRegistry registry,
    UserChangeNotifier userChanges,
    TokenServices tokens,
    IOptions<RevocationSyncOptions> syncOptions,
    JwtAuthMetrics metrics,
    ILogger<JwtAuthSessions> logger,
    AuditTrail? audit = null) : IJwtAuthSessions
{
    public Task<IReadOnlyList<SessionRecord>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        store.ListActiveSessionsAsync(userId, tokens.Time.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountActiveAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        store.CountActiveSessionsAsync(userIds, tokens.Time.GetUtcNow(), cancellationToken);

    public Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return store.ListRefreshTokensAsync(userId, skip, take, cancellationToken);
    }

    public async Task<bool> EndSessionAsync(string userId, Guid sessionId, string reason, CancellationToken cancellationToken = default) =>
        await EndAsync(userId, sessionId, null, cutOffUser: false, reason, cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> EndAllSessionsAsync(string userId, string reason, CancellationToken cancellationToken = default) =>
        EndAsync(userId, null, null, cutOffUser: true, reason, cancellationToken);

    public Task<int> EndOtherSessionsAsync(string userId, Guid keepSessionId, string reason, CancellationToken cancellationToken = default) =>
        EndAsync(userId, null, keepSessionId, cutOffUser: false, reason, cancellationToken);

    public async Task RecordUserChangeAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var entry = await store.AppendUserChangedAsync(userId, tokens.Time.GetUtcNow(), UserChangeRetention, cancellationToken).ConfigureAwait(false);
        registry.Apply(entry);
        userChanges.Apply(entry);
    }

    /// <summary>
    /// How long a <see cref="RevocationKind.UserChanged"/> entry is kept: as long as a node that
    /// missed its id may still re-read it (the re-read window, then once more a gap timeout later,
    /// within a catch-up interval), plus the clock skew of the node that prunes it.
    /// </summary>
    private TimeSpan UserChangeRetention
    {
        get
        {
            var sync = syncOptions.Value;
            return sync.ReReadWindow + sync.GapTimeout + sync.CatchUpInterval + tokens.Options.Leeway + tokens.Options.ClockSkewAllowance;
        }
    }

    private async Task<int> EndAsync(string userId, Guid? sessionId, Guid? exceptSessionId, bool cutOffUser, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var entries = await store.EndSessionsAsync(
            new SessionEndRequest
            {
                UserId = userId,
                SessionId = sessionId,
                ExceptSessionId = exceptSessionId,
                CutOffUser = cutOffUser,
                Reason = reason,
                Now = tokens.Time.GetUtcNow(),
                ClockSkew = tokens.Options.Leeway + tokens.Options.ClockSkewAllowance,
                UserCutOffRetention = tokens.Options.MaxBearerLifetime,
                // Reuse is its own kind: the one ending that signals a stolen token.
                Audit = audit?.Describe(
                    reason == SessionEndReasons.RefreshTokenReuse ? AuditEventKinds.RefreshTokenReused : AuditEventKinds.SessionEnded,
                    userId,
                    sessionId,
                    reason),
            },
            cancellationToken).ConfigureAwait(false);

        var sessions = 0;
        foreach (var entry in entries)
        {
            registry.Apply(entry);
            userChanges.Apply(entry);
            if (entry.Kind == RevocationKind.Session)
            {
                sessions++;
            }
        }

        LogSessionsEnded(userId, sessions, reason);
        metrics.SessionsEnded(sessions, reason);
        return sessions;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ended {Count} session(s) of user {UserId}: {Reason}")]
    private partial void LogSessionsEnded(string userId, int count, string reason);
}
