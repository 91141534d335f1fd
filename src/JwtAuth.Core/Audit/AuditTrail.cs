using JwtAuth.Flows;

namespace JwtAuth.Audit;

/// <summary>Stamps events with the time and the caller; the flows hand them to the store with their own write.</summary>
internal sealed class AuditTrail(IAuditEventStore store, IAuditCaller caller, TimeProvider time) : IAuditTrail
{
    public AuditEvent Describe(string kind, string? userId, Guid? sessionId = null, string? detail = null) =>
        Describe(kind, userId, sessionId, detail, caller.Client);

    /// <summary>An event of a flow that knows its client itself (a login, a refresh).</summary>
    public AuditEvent Describe(string kind, string? userId, Guid? sessionId, string? detail, ClientInfo client)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return new AuditEvent
        {
            Kind = Cut(kind, AuditEvent.MaxCodeLength)!,
            OccurredAt = time.GetUtcNow(),
            UserId = userId,
            SessionId = sessionId,
            ActorId = caller.ActorId,
            IpAddress = Cut(client.IpAddress, AuditEvent.MaxIpAddressLength),
            UserAgent = client.StoredUserAgent,
            Detail = Cut(detail, AuditEvent.MaxCodeLength),
        };
    }

    public Task RecordAsync(string kind, string? userId, Guid? sessionId = null, string? detail = null, CancellationToken cancellationToken = default) =>
        store.AppendAsync(Describe(kind, userId, sessionId, detail), cancellationToken);

    private static string? Cut(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
