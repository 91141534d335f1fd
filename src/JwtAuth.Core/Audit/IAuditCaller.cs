using JwtAuth.Flows;

namespace JwtAuth.Audit;

/// <summary>
/// Who is calling now, for the events recorded where the flow knows no client (a session ended
/// through <see cref="Sessions.IJwtAuthSessions"/>): the ASP.NET Core layer reads it from the
/// current request.
/// </summary>
internal interface IAuditCaller
{
    ClientInfo Client { get; }

    string? ActorId { get; }
}
