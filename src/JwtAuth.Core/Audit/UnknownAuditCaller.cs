using JwtAuth.Flows;

namespace JwtAuth.Audit;

/// <summary>The caller outside any request (a CLI, a background job): nothing is known.</summary>
internal sealed class UnknownAuditCaller : IAuditCaller
{
    public ClientInfo Client => ClientInfo.Unknown;

    public string? ActorId => null;
}
