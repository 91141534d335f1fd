using JwtAuth.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the table of imported SimpleJWT refresh tokens to a host's <see cref="DbContext"/> model.</summary>
public static class JwtAuthImportedRefreshTokensModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>jwtauth_imported_refresh_tokens</c>, for <c>UseImportedRefreshTokens&lt;TContext&gt;()</c>.
    /// Only hosts that import from SimpleJWT need it.
    /// </summary>
    public static ModelBuilder UseJwtAuthImportedRefreshTokens(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ImportedRefreshTokenEntity>(token =>
        {
            token.ToTable("jwtauth_imported_refresh_tokens");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.Property(t => t.UserId).HasMaxLength(128).IsRequired();
            token.HasIndex(t => t.ExpiresAtMs);
        });
        return modelBuilder;
    }
}
