using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Data;

/// <summary>
/// The server's database: Identity's users and JwtAuth's tables in one model, so that a user
/// change and the revocations it causes commit together. Each provider has a subclass that owns
/// its migrations.
/// </summary>
public abstract class ServerDbContext(DbContextOptions options) : IdentityUserContext<ServerUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseJwtAuth();
        builder.UseJwtAuthImportedRefreshTokens();
        builder.UseJwtAuthAuditTrail();
    }
}
