namespace JwtAuth.Audit;

/// <summary>
/// Records security events for a host (the server records password changes and user
/// administration through it). Each event is stamped with the time and with the caller of the
/// current request: its client address, user agent and authenticated user.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// An event of <paramref name="kind"/> stamped now, with the current request's caller, to be
    /// stored later (for a write that happens after the response).
    /// </summary>
    AuditEvent Describe(string kind, string? userId, Guid? sessionId = null, string? detail = null);

    /// <summary>
    /// Stores an event of <paramref name="kind"/> stamped now; inside a transaction the caller
    /// opened, it commits with the change it describes.
    /// </summary>
    Task RecordAsync(string kind, string? userId, Guid? sessionId = null, string? detail = null, CancellationToken cancellationToken = default);
}
