namespace JwtAuth.Sessions;

/// <summary>
/// An outstanding refresh token (SimpleJWT's <c>OutstandingToken</c>): its id and metadata, never
/// its text.
/// </summary>
public sealed record RefreshTokenRecord
{
    public required Guid Id { get; init; }
    public required Guid SessionId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When a rotation consumed it; presenting it again afterwards is reuse.</summary>
    public DateTimeOffset? ConsumedAt { get; init; }

    /// <summary>The token that replaced it in the rotation.</summary>
    public Guid? SuccessorId { get; init; }

    /// <summary>When it was blacklisted explicitly.</summary>
    public DateTimeOffset? BlacklistedAt { get; init; }
}
