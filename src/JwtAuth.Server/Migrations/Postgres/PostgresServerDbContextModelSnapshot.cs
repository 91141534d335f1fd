using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace JwtAuth.Server.Migrations.Postgres;

/// <summary>The model as of the last PostgreSQL migration; a test checks it against the code's model.</summary>
[DbContext(typeof(PostgresServerDbContext))]
public partial class PostgresServerDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder
            .HasAnnotation("ProductVersion", "10.0.11")
            .HasAnnotation("Relational:MaxIdentifierLength", 63);
        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.RefreshTokenEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid");
            b.Property<long?>("BlacklistedAtMs").HasColumnType("bigint");
            b.Property<long?>("ConsumedAtMs").HasColumnType("bigint");
            b.Property<long>("ExpiresAtMs").HasColumnType("bigint");
            b.Property<long>("IssuedAtMs").HasColumnType("bigint");
            b.Property<Guid>("SessionId").HasColumnType("uuid");
            b.Property<Guid?>("SuccessorId").HasColumnType("uuid");
            b.Property<string>("UserId").IsRequired().HasMaxLength(128).HasColumnType("character varying(128)");
            b.HasKey("Id");
            b.HasIndex("ExpiresAtMs");
            b.HasIndex("SessionId");
            b.ToTable("jwtauth_refresh_tokens", (string)null);
        });

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.RevocationEntity", b =>
        {
            b.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("bigint");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<long>("Id"));
            b.Property<long>("CreatedAtMs").HasColumnType("bigint");
            b.Property<long>("ExpiresAt").HasColumnType("bigint");
            b.Property<int>("Kind").HasColumnType("integer");
            b.Property<long>("NotBefore").HasColumnType("bigint");
            b.Property<string>("Subject").IsRequired().HasMaxLength(128).HasColumnType("character varying(128)");
            b.HasKey("Id");
            b.HasIndex("ExpiresAt");
            b.ToTable("jwtauth_revocations", (string)null);
        });

        modelBuilder.Entity("JwtAuth.EntityFrameworkCore.SessionEntity", b =>
        {
            b.Property<Guid>("Id").HasColumnType("uuid");
            b.Property<long>("CreatedAtMs").HasColumnType("bigint");
            b.Property<long>("ExpiresAtMs").HasColumnType("bigint");
            b.Property<string>("IpAddress").HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<long>("LastUsedAtMs").HasColumnType("bigint");
            b.Property<long>("RefreshExpiresAtMs").HasColumnType("bigint");
            b.Property<long?>("RevokedAtMs").HasColumnType("bigint");
            b.Property<string>("RevokedReason").HasMaxLength(64).HasColumnType("character varying(64)");
            b.Property<string>("UserAgent").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<string>("UserId").IsRequired().HasMaxLength(128).HasColumnType("character varying(128)");
            b.HasKey("Id");
            b.HasIndex("ExpiresAtMs");
            b.HasIndex("UserId");
            b.ToTable("jwtauth_sessions", (string)null);
        });

        modelBuilder.Entity("JwtAuth.Server.Data.ServerUser", b =>
        {
            b.Property<string>("Id").HasColumnType("text");
            b.Property<int>("AccessFailedCount").HasColumnType("integer");
            b.Property<string>("ConcurrencyStamp").IsConcurrencyToken().HasColumnType("text");
            b.Property<long>("DateJoinedMs").HasColumnType("bigint");
            b.Property<string>("Email").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<bool>("EmailConfirmed").HasColumnType("boolean");
            b.Property<bool>("IsActive").HasColumnType("boolean");
            b.Property<bool>("IsAdmin").HasColumnType("boolean");
            b.Property<long?>("LastLoginMs").HasColumnType("bigint");
            b.Property<bool>("LockoutEnabled").HasColumnType("boolean");
            b.Property<DateTimeOffset?>("LockoutEnd").HasColumnType("timestamp with time zone");
            b.Property<string>("NormalizedEmail").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<string>("NormalizedUserName").HasMaxLength(256).HasColumnType("character varying(256)");
            b.Property<string>("PasswordHash").HasColumnType("text");
            b.Property<string>("PhoneNumber").HasColumnType("text");
            b.Property<bool>("PhoneNumberConfirmed").HasColumnType("boolean");
            b.Property<string>("SecurityStamp").HasColumnType("text");
            b.Property<bool>("TwoFactorEnabled").HasColumnType("boolean");
            b.Property<string>("UserName").HasMaxLength(256).HasColumnType("character varying(256)");
            b.HasKey("Id");
            b.HasIndex("NormalizedEmail").HasDatabaseName("EmailIndex");
            b.HasIndex("NormalizedUserName").IsUnique().HasDatabaseName("UserNameIndex");
            b.ToTable("AspNetUsers", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserClaim<string>", b =>
        {
            b.Property<int>("Id").ValueGeneratedOnAdd().HasColumnType("integer");
            NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn(b.Property<int>("Id"));
            b.Property<string>("ClaimType").HasColumnType("text");
            b.Property<string>("ClaimValue").HasColumnType("text");
            b.Property<string>("UserId").IsRequired().HasColumnType("text");
            b.HasKey("Id");
            b.HasIndex("UserId");
            b.ToTable("AspNetUserClaims", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserLogin<string>", b =>
        {
            b.Property<string>("LoginProvider").HasColumnType("text");
            b.Property<string>("ProviderKey").HasColumnType("text");
            b.Property<string>("ProviderDisplayName").HasColumnType("text");
            b.Property<string>("UserId").IsRequired().HasColumnType("text");
            b.HasKey("LoginProvider", "ProviderKey");
            b.HasIndex("UserId");
            b.ToTable("AspNetUserLogins", (string)null);
        });

        modelBuilder.Entity("Microsoft.AspNetCore.Identity.IdentityUserToken<string>", b =>
        {
            b.Property<string>("UserId").HasColumnType("text");
            b.Property<string>("LoginProvider").HasColumnType("text");
            b.Property<string>("Name").HasColumnType("text");
            b.Property<string>("Value").HasColumnType("text");
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
