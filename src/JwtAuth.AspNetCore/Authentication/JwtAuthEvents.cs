using System.Collections.Concurrent;
using JwtAuth.Flows;

namespace JwtAuth.Authentication;

/// <summary>
/// Hooks for the host application, as JwtBearer's: each defaults to doing nothing. Set the
/// <c>On…</c> delegates, or subclass and override, and register the subclass through
/// <c>EventsType</c>; every event honours it.
/// </summary>
public class JwtAuthEvents
{
    private static readonly Func<MessageReceivedContext, Task> NoMessageReceived = _ => Task.CompletedTask;
    private static readonly ConcurrentDictionary<Type, bool> OverridesMessageReceived = new();

    /// <summary>
    /// Before the token is read from the header: set <see cref="MessageReceivedContext.Token"/> to take it
    /// from elsewhere (a SignalR query string, say), or decide the result.
    /// </summary>
    public Func<MessageReceivedContext, Task> OnMessageReceived { get; set; } = NoMessageReceived;

    /// <summary>
    /// After a bearer token passed every check, before the request runs: add claims to the principal,
    /// or refuse it with <see cref="TokenValidatedContext.Reject"/>.
    /// </summary>
    public Func<TokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>A presented token was refused: observe why, or decide the result.</summary>
    public Func<AuthenticationFailedContext, Task> OnAuthenticationFailed { get; set; } = _ => Task.CompletedTask;

    /// <summary>Before the 401 is written: call <see cref="JwtAuthChallengeContext.HandleResponse"/> to write your own.</summary>
    public Func<JwtAuthChallengeContext, Task> OnChallenge { get; set; } = _ => Task.CompletedTask;

    /// <summary>Before the 403 is written: call <see cref="ForbiddenContext.HandleResponse"/> to write your own.</summary>
    public Func<ForbiddenContext, Task> OnForbidden { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Before each token is signed, at obtain and at every refresh (claims are rebuilt from the
    /// current user each time): add claims with <see cref="IssuingTokenContext.AddClaim"/>.
    /// </summary>
    public Func<IssuingTokenContext, Task> OnIssuingToken { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// A consumed refresh token was presented again, and its session has been ended: alert, audit,
    /// or notify the user. It is logged as a security event either way.
    /// </summary>
    public Func<RefreshTokenReusedContext, Task> OnRefreshTokenReused { get; set; } = _ => Task.CompletedTask;

    public virtual Task MessageReceived(MessageReceivedContext context) => OnMessageReceived(context);

    public virtual Task TokenValidated(TokenValidatedContext context) => OnTokenValidated(context);

    public virtual Task AuthenticationFailed(AuthenticationFailedContext context) => OnAuthenticationFailed(context);

    public virtual Task Challenge(JwtAuthChallengeContext context) => OnChallenge(context);

    public virtual Task Forbidden(ForbiddenContext context) => OnForbidden(context);

    public virtual Task IssuingToken(IssuingTokenContext context) => OnIssuingToken(context);

    public virtual Task RefreshTokenReused(RefreshTokenReusedContext context) => OnRefreshTokenReused(context);

    /// <summary>
    /// Whether anything listens to <see cref="MessageReceived"/>: without a listener the hot path
    /// reads the header without allocating the event's context.
    /// </summary>
    internal bool ListensToMessageReceived =>
        OnMessageReceived != NoMessageReceived
        || OverridesMessageReceived.GetOrAdd(GetType(), static type =>
            type.GetMethod(nameof(MessageReceived), [typeof(MessageReceivedContext)])!.DeclaringType != typeof(JwtAuthEvents));
}
