using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Data;

/// <summary>The server's database on SQLite (the embedded default); owns <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteServerDbContext(DbContextOptions<SqliteServerDbContext> options) : ServerDbContext(options);
