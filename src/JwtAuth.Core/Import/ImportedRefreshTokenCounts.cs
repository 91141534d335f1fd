namespace JwtAuth.Import;

/// <summary>What an import did to the imported refresh tokens.</summary>
/// <param name="Added">Tokens not known before.</param>
/// <param name="Blacklisted">Known outstanding tokens the source has blacklisted since the last import.</param>
/// <param name="Unchanged">Known tokens left as they were (a token redeemed or blacklisted here stays so).</param>
public readonly record struct ImportedRefreshTokenCounts(int Added, int Blacklisted, int Unchanged);
