namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_audit_events</c>. The time is epoch milliseconds, which every provider orders and compares.</summary>
internal sealed class AuditEventEntity
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public long OccurredAtMs { get; set; }
    public string? UserId { get; set; }
    public Guid? SessionId { get; set; }
    public string? ActorId { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string? Detail { get; set; }

    public static AuditEventEntity From(Audit.AuditEvent e) => new()
    {
        Kind = e.Kind,
        OccurredAtMs = e.OccurredAt.ToUnixTimeMilliseconds(),
        UserId = e.UserId,
        SessionId = e.SessionId,
        ActorId = e.ActorId,
        IpAddress = e.IpAddress,
        UserAgent = e.UserAgent,
        Detail = e.Detail,
    };

    public Audit.AuditEvent ToEvent() => new()
    {
        Id = Id,
        Kind = Kind,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(OccurredAtMs),
        UserId = UserId,
        SessionId = SessionId,
        ActorId = ActorId,
        IpAddress = IpAddress,
        UserAgent = UserAgent,
        Detail = Detail,
    };
}
