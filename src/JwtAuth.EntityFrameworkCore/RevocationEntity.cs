namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_revocations</c>, the log every node replays into its registry.</summary>
internal sealed class RevocationEntity
{
    /// <summary>Increasing id; nodes catch up by it.</summary>
    public long Id { get; set; }
    public int Kind { get; set; }
    public string Subject { get; set; } = "";
    /// <summary>Epoch seconds.</summary>
    public long NotBefore { get; set; }
    /// <summary>Epoch seconds after which the entry can be deleted.</summary>
    public long ExpiresAt { get; set; }
    public long CreatedAtMs { get; set; }
}
