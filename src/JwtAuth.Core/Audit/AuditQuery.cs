namespace JwtAuth.Audit;

/// <summary>Which audit events to list; every filter that is set must match.</summary>
public sealed record AuditQuery
{
    /// <summary>Only events of this user.</summary>
    public string? UserId { get; init; }

    /// <summary>Only events of this kind.</summary>
    public string? Kind { get; init; }

    /// <summary>Only events of this session.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only events before this time.</summary>
    public DateTimeOffset? To { get; init; }
}
