namespace JwtAuth.Tokens;

/// <summary>What goes into one token.</summary>
internal sealed record TokenRequest
{
    public required TokenType Type { get; init; }
    public required string UserId { get; init; }
    public required Guid SessionId { get; init; }

    /// <summary>Issue time; <c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>exp</c>: already capped at the session's end by the caller.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The <c>jti</c>; a new UUIDv7 when null (re-issuing a known token passes its id).</summary>
    public Guid? TokenId { get; init; }

    /// <summary>A sliding token's refresh deadline.</summary>
    public DateTimeOffset? RefreshExpiresAt { get; init; }

    /// <summary>Claims the host added through <see cref="Flows.IssuingTokenContext"/>.</summary>
    public IReadOnlyDictionary<string, object?>? ExtraClaims { get; init; }
}
