namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_refresh_tokens</c> (SimpleJWT's outstanding and blacklisted tokens): ids and times, never the token.</summary>
internal sealed class RefreshTokenEntity
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public string UserId { get; set; } = "";
    public long IssuedAtMs { get; set; }
    public long ExpiresAtMs { get; set; }
    public long? ConsumedAtMs { get; set; }
    public Guid? SuccessorId { get; set; }
    public long? BlacklistedAtMs { get; set; }
}
