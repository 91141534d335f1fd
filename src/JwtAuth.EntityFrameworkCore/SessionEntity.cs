using System.Linq.Expressions;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>Row of <c>jwtauth_sessions</c>. Times are epoch milliseconds, which every provider orders and compares.</summary>
internal sealed class SessionEntity
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public long CreatedAtMs { get; set; }
    public long LastUsedAtMs { get; set; }
    public long ExpiresAtMs { get; set; }
    public long RefreshExpiresAtMs { get; set; }
    public long TokensExpireAtMs { get; set; }
    public string? SignInMethod { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
    public long? RevokedAtMs { get; set; }
    public string? RevokedReason { get; set; }

    /// <summary><see cref="JwtAuth.Sessions.SessionRecord.IsActive"/> as the database evaluates it.</summary>
    internal static Expression<Func<SessionEntity, bool>> IsActiveAt(long nowMs) =>
        s => s.RevokedAtMs == null && s.ExpiresAtMs > nowMs && s.RefreshExpiresAtMs > nowMs;
}
