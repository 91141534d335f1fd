using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Data;

/// <summary>The server's database on PostgreSQL (several instances, one database); owns <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresServerDbContext(DbContextOptions<PostgresServerDbContext> options) : ServerDbContext(options);
