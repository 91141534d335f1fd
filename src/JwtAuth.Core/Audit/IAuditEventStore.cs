namespace JwtAuth.Audit;

/// <summary>
/// Where the audit trail is kept. The events of a session's start and end are not appended here
/// but handed to the <see cref="Sessions.ISessionStore"/> with the write they describe, so that
/// both commit or neither does; this store appends the others and reads and prunes them all.
/// Implementations throw <see cref="Sessions.SessionStoreUnavailableException"/> when the database
/// cannot be reached.
/// </summary>
public interface IAuditEventStore
{
    /// <summary>
    /// Stores the event. Inside a transaction the caller opened on the same connection, the event
    /// joins it and commits (or rolls back) with the change it describes.
    /// </summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>The events that match <paramref name="query"/>, newest first, <paramref name="take"/> after the first <paramref name="skip"/>.</summary>
    Task<AuditEventPage> ListAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> events that happened before <paramref name="before"/>; returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken);
}
