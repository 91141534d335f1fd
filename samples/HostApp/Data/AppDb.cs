using Microsoft.EntityFrameworkCore;

namespace HostApp.Data;

/// <summary>The app's database: its users, and JwtAuth's sessions, refresh tokens and revocation log.</summary>
internal sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<AppUser> Users => Set<AppUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AppUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.UserName).HasMaxLength(150);
            user.HasIndex(u => u.UserName).IsUnique();
        });

        // JwtAuth's tables (jwtauth_sessions, jwtauth_refresh_tokens, jwtauth_revocations).
        modelBuilder.UseJwtAuth();
    }
}
