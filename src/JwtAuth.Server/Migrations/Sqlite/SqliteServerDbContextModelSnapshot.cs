using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace JwtAuth.Server.Migrations.Sqlite;

/// <summary>The model as of the last SQLite migration; a test checks it against the code's model.</summary>
[DbContext(typeof(SqliteServerDbContext))]
public partial class SqliteServerDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.11");

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.RefreshTokenEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("TEXT");
            b.Property<long?>("BlacklistedAtMs").HasColumnType("INTEGER");
            b.Property<long?>("ConsumedAtMs").HasColumnType("INTEGER");
            b.Property<long>("ExpiresAtMs").HasColumnType("INTEGER");
            b.Property<long>("IssuedAtMs").HasColumnType("INTEGER");
            b.Property<Guid>("SessionId").HasColumnType("TEXT");
            b.Property<Guid?>("SuccessorId").HasColumnType("TEXT");
            b.Property<string>("UserId").IsRequired().HasMaxLength(128).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ExpiresAtMs");
            b.HasIndex("SessionId");
            b.ToTable("jwtauth_refresh_tokens", (string)null);
        });

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.RevocationEntity", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<long>("CreatedAtMs").HasColumnType("INTEGER");
            b.Property<long>("ExpiresAt").HasColumnType("INTEGER");
            b.Property<int>("Kind").HasColumnType("INTEGER");
            b.Property<long>("NotBefore").HasColumnType("INTEGER");
            b.Property<string>("Subject").IsRequired().HasMaxLength(128).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ExpiresAt");
            b.ToTable("jwtauth_revocations", (string)null);
        });

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.SessionEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("TEXT");
            b.Property<long>("CreatedAtMs").HasColumnType("INTEGER");
            b.Property<long>("ExpiresAtMs").HasColumnType("INTEGER");
            b.Property<string>("IpAddress").HasMaxLength(64).HasColumnType("TEXT");
            b.Property<long>("LastUsedAtMs").HasColumnType("INTEGER");
            b.Property<long>("RefreshExpiresAtMs").HasColumnType("INTEGER");
            b.Property<long?>("RevokedAtMs").HasColumnType("INTEGER");
            b.Property<string>("RevokedReason").HasMaxLength(64).HasColumnType("TEXT");
            b.Property<string>("UserAgent").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("UserId").IsRequired().HasMaxLength(128).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("ExpiresAtMs");
            b.HasIndex("UserId");
            b.ToTable("jwtauth_sessions", (string)null);
        });

        modelBuilder.Entity("JwtAuth.Server.Data.ServerUser", b =>
        {
            b.Property<string>("Id").HasColumnType("TEXT");
            b.Property<int>("AccessFailedCount").HasColumnType("INTEGER");
            b.Property<string>("ConcurrencyStamp").IsConcurrencyToken().HasColumnType("TEXT");
            b.Property<long>("DateJoinedMs").HasColumnType("INTEGER");
            b.Property<string>("Email").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<bool>("EmailConfirmed").HasColumnType("INTEGER");
            b.Property<bool>("IsActive").HasColumnType("INTEGER");
            b.Property<bool>("IsAdmin").HasColumnType("INTEGER");
            b.Property<long?>("LastLoginMs").HasColumnType("INTEGER");
            b.Property<bool>("LockoutEnabled").HasColumnType("INTEGER");
            b.Property<DateTimeOffset?>("LockoutEnd").HasColumnType("TEXT");
            b.Property<string>("NormalizedEmail").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("NormalizedUserName").HasMaxLength(256).HasColumnType("TEXT");
            b.Property<string>("PasswordHash").HasColumnType("TEXT");
            b.Property<string>("PhoneNumber").HasColumnType("TEXT");
            b.Property<bool>("PhoneNumberConfirmed").HasColumnType("INTEGER");
            b.Property<string>("SecurityStamp").HasColumnType("TEXT");
            b.Property<bool>("TwoFactorEnabled").HasColumnType("INTEGER");
            b.Property<string>("UserName").HasMaxLength(256).HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("NormalizedEmail").HasDatabaseName("EmailIndex");
            b.HasIndex("NormalizedUserName").IsUnique().HasDatabaseName("UserNameIndex");
            b.ToTable("AspNetUsers", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserClaim<string>", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            b.Property<string>("ClaimType").HasColumnType("TEXT");
            b.Property<string>("ClaimValue").HasColumnType("TEXT");
            b.Property<string>("UserId").IsRequired().HasColumnType("TEXT");
            b.HasKey("Id");
            b.HasIndex("UserId");
            b.ToTable("AspNetUserClaims", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserLogin<string>", b =>
        {
            b.Property<string>("LoginProvider").HasColumnType("TEXT");
            b.Property<string>("ProviderKey").HasColumnType("TEXT");
            b.Property<string>("ProviderDisplayName").HasColumnType("TEXT");
            b.Property<string>("UserId").IsRequired().HasColumnType("TEXT");
            b.HasKey("LoginProvider", "ProviderKey");
            b.HasIndex("UserId");
            b.ToTable("AspNetUserLogins", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserToken<string>", b =>
        {
            b.Property<string>("UserId").HasColumnType("TEXT");
            b.Property<string>("LoginProvider").HasColumnType("TEXT");
            b.Property<string>("Name").HasColumnType("TEXT");
            b.Property<string>("Value").HasColumnType("TEXT");
            b.HasKey("UserId", "LoginProvider", "Name");
            b.ToTable("AspNetUserTokens", (string)null);
        });

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.RefreshTokenEntity", b =>
            b.HasOne("JwtAuth.EntityFrameworkCore.SessionEntity", null).WithMany().HasForeignKey("SessionId").OnDelete(DeleteBehavior.Cascade).IsRequired());

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserClaim<string>", b =>
            b.HasOne("JwtAuth.Server.Data.ServerUser", null).WithMany().HasForeignKey("UserId").OnDelete(DeleteBehavior.Cascade).IsRequired());

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserLogin<string>", b =>
            b.HasOne("JwtAuth.Server.Data.ServerUser", null).WithMany().HasForeignKey("UserId").OnDelete(DeleteBehavior.Cascade).IsRequired());

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserToken<string>", b =>
            b.HasOne("JwtAuth.Server.Data.ServerUser", null).WithMany().HasForeignKey("UserId").OnDelete(DeleteBehavior.Cascade).IsRequired());
    }
}
