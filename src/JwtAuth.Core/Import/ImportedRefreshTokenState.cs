namespace JwtAuth.Import;

/// <summary>Where an imported SimpleJWT refresh token stands.</summary>
public enum ImportedRefreshTokenState
{
    /// <summary>Outstanding in SimpleJWT and not yet used here: one refresh may redeem it.</summary>
    Outstanding = 0,

    /// <summary>Blacklisted, in SimpleJWT before the import or here since.</summary>
    Blacklisted = 1,

    /// <summary>Redeemed for a JwtAuth session: any later use is refused.</summary>
    Redeemed = 2,
}
