namespace JwtAuth.Sessions;

/// <summary>A session: one login, one family of refresh tokens, one absolute end.</summary>
public sealed record SessionRecord
{
    public required Guid Id { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastUsedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? UserAgent { get; init; }
    public string? IpAddress { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedReason { get; init; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
