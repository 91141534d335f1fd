namespace JwtAuth.Tokens;

/// <summary>A token JwtAuth just signed, with the metadata the store keeps instead of its text.</summary>
internal sealed record IssuedToken(string Token, Guid Id, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
