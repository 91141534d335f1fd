using System.Security.Claims;
using JwtAuth.Endpoints;
using JwtAuth.Flows;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Audit;

/// <summary>
/// The caller of the current request, for audit events: its client and, when the request is
/// authenticated, its user (the administrator of an admin action). Read through the host's
/// <see cref="IHttpContextAccessor"/>; a host that registers none records events without them.
/// </summary>
internal sealed class HttpContextAuditCaller(IHttpContextAccessor? requests = null) : IAuditCaller
{
    public ClientInfo Client => requests?.HttpContext is { } http ? http.GetClientInfo() : ClientInfo.Unknown;

    public string? ActorId =>
        requests?.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
}
