using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests.Contract;

/// <summary>A host's context reduced to JwtAuth's tables: what <c>modelBuilder.UseJwtAuth()</c> and <c>UseJwtAuthAuditTrail()</c> map, created with <c>EnsureCreated</c>.</summary>
public sealed class TestSessionDbContext(DbContextOptions<TestSessionDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseJwtAuth().UseJwtAuthAuditTrail();
}
