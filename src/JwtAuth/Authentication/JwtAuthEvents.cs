namespace JwtAuth.Authentication;

/// <summary>Hooks for the host application; each defaults to doing nothing.</summary>
public class JwtAuthEvents
{
    /// <summary>
    /// After a bearer token passed every check, before the request runs: add claims to
    /// <see cref="TokenValidatedContext.Principal"/> or call <see cref="TokenValidatedContext.Reject"/>.
    /// </summary>
    public Func<TokenValidatedContext, Task> OnTokenValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// Before each token is signed, at obtain and at every refresh (claims are rebuilt from the
    /// current user each time): add claims to <see cref="IssuingTokenContext.Claims"/>.
    /// </summary>
    public Func<IssuingTokenContext, Task> OnIssuingToken { get; set; } = _ => Task.CompletedTask;

    /// <summary>
    /// A consumed refresh token was presented again, and its session has been ended: alert, audit,
    /// or notify the user. It is logged as a security event either way.
    /// </summary>
    public Func<RefreshTokenReusedContext, Task> OnRefreshTokenReused { get; set; } = _ => Task.CompletedTask;

    public virtual Task TokenValidated(TokenValidatedContext context) => OnTokenValidated(context);

    public virtual Task IssuingToken(IssuingTokenContext context) => OnIssuingToken(context);

    public virtual Task RefreshTokenReused(RefreshTokenReusedContext context) => OnRefreshTokenReused(context);
}
