namespace JwtAuth.Audit;

/// <summary>A page of audit events, newest first, and how many match in all.</summary>
public sealed record AuditEventPage(int Total, IReadOnlyList<AuditEvent> Events);
