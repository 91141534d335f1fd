using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Bench.Hosts;

/// <summary>JwtAuth's tables alone, in a throw-away SQLite file; read at start-up and by the catch-up loop only.</summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseJwtAuth();
}
