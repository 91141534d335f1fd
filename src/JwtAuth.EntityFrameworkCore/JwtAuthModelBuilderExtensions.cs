using JwtAuth.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds JwtAuth's tables to a host's <see cref="DbContext"/> model.</summary>
public static class JwtAuthModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>jwtauth_sessions</c>, <c>jwtauth_refresh_tokens</c>, <c>jwtauth_user_epochs</c> and <c>jwtauth_revocations</c>.
    /// Call it from <c>OnModelCreating</c>, so that JwtAuth's writes share the host's connection
    /// and transactions.
    /// </summary>
    public static ModelBuilder UseJwtAuth(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<SessionEntity>(session =>
        {
            session.ToTable("jwtauth_sessions");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.Property(s => s.UserId).HasMaxLength(128).IsRequired();
            session.Property(s => s.SignInMethod).HasMaxLength(32);
            session.Property(s => s.UserAgent).HasMaxLength(256);
            session.Property(s => s.IpAddress).HasMaxLength(64);
            session.Property(s => s.RevokedReason).HasMaxLength(64);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAtMs);
        });

        modelBuilder.Entity<RefreshTokenEntity>(token =>
        {
            token.ToTable("jwtauth_refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.UserId).HasMaxLength(128).IsRequired();
            token.HasOne<SessionEntity>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            token.HasIndex(t => t.SessionId);
            token.HasIndex(t => t.ExpiresAtMs);
        });

        modelBuilder.Entity<UserEpochEntity>(epoch =>
        {
            epoch.ToTable("jwtauth_user_epochs");
            epoch.HasKey(e => e.UserId);
            epoch.Property(e => e.UserId).HasMaxLength(128);
        });

        modelBuilder.Entity<RevocationEntity>(revocation =>
        {
            revocation.ToTable("jwtauth_revocations");
            revocation.HasKey(r => r.Id);
            revocation.Property(r => r.Id).ValueGeneratedOnAdd();
            revocation.Property(r => r.Subject).HasMaxLength(128).IsRequired();
            revocation.HasIndex(r => r.ExpiresAt);
        });

        return modelBuilder;
    }
}
