namespace JwtAuth.Audit;

/// <summary>
/// One security event of the audit trail: what happened, when, to whom, in which session, from
/// where, and who did it. It never holds a token, a password or any other secret.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>The longest <see cref="Kind"/> and <see cref="Detail"/> a store keeps.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>The longest <see cref="IpAddress"/> a store keeps (an IPv6 address with a zone fits).</summary>
    public const int MaxIpAddressLength = 64;

    /// <summary>The store's id, in the order events were stored; 0 for an event not stored yet.</summary>
    public long Id { get; init; }

    /// <summary>What happened: one of <see cref="AuditEventKinds"/>, or a kind of the host's own.</summary>
    public required string Kind { get; init; }

    /// <summary>When it happened, from the injected <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The user it happened to; null when unknown.</summary>
    public string? UserId { get; init; }

    /// <summary>The session it happened in, when it concerns one session.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>
    /// Who did it, when the request was authenticated: the administrator of an admin action, the
    /// user themselves for their own logout; null when unauthenticated (a login, a refresh) or from the CLI.
    /// </summary>
    public string? ActorId { get; init; }

    /// <summary>The client's address, as the host resolved it.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The client's <c>User-Agent</c>, cut to <see cref="Flows.ClientInfo.MaxUserAgentLength"/> characters.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// A short code that says more: the reason a session ended (<see cref="Sessions.SessionEndReasons"/>),
    /// the sign-in method of a login, why a login failed.
    /// </summary>
    public string? Detail { get; init; }
}
