namespace JwtAuth.Sessions;

/// <summary>Rows one pruning pass removed.</summary>
public readonly record struct PruneResult(int RefreshTokens, int Sessions, int Revocations)
{
    public int Total => RefreshTokens + Sessions + Revocations;

    public static PruneResult operator +(PruneResult a, PruneResult b) =>
        new(a.RefreshTokens + b.RefreshTokens, a.Sessions + b.Sessions, a.Revocations + b.Revocations);
}
