namespace JwtAuth.Flows;

/// <summary>
/// Where the flows raise their events. The ASP.NET Core layer forwards them to the scheme's
/// <c>JwtAuthEvents</c> (or its <c>EventsType</c>); without it nothing listens.
/// </summary>
internal interface ITokenFlowEvents
{
    Task IssuingTokenAsync(IssuingTokenContext context);

    Task RefreshTokenReusedAsync(RefreshTokenReusedContext context);
}
