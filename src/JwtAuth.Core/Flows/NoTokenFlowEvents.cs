namespace JwtAuth.Flows;

/// <summary>The flows' events when no host layer listens.</summary>
internal sealed class NoTokenFlowEvents : ITokenFlowEvents
{
    public Task IssuingTokenAsync(IssuingTokenContext context) => Task.CompletedTask;

    public Task RefreshTokenReusedAsync(RefreshTokenReusedContext context) => Task.CompletedTask;
}
