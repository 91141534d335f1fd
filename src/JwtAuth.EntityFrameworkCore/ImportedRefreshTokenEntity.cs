namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_imported_refresh_tokens</c>: a SimpleJWT refresh token an import brought over, never its text.</summary>
internal sealed class ImportedRefreshTokenEntity
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public long ExpiresAtMs { get; set; }
    public long UserEpoch { get; set; }
    public int State { get; set; }

    /// <summary>When it was imported, redeemed or blacklisted here, whichever came last.</summary>
    public long ChangedAtMs { get; set; }
}
