using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JwtAuth.Server.Data;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="SqliteServerDbContext"/> without starting the server:
/// the same provider and model as at run time. Generating migrations and scripts and the
/// pending-changes check open no connection; commands that do connect use the server's default
/// file relative to the directory <c>dotnet ef</c> runs in, or the database named by
/// <c>dotnet ef database update --connection "Data Source=..."</c>.
/// </summary>
public sealed class SqliteServerDbContextFactory : IDesignTimeDbContextFactory<SqliteServerDbContext>
{
    public SqliteServerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteServerDbContext>()
            .UseSqlite(ServerDatabaseServiceCollectionExtensions.DefaultSqliteConnection)
            .Options;
        return new SqliteServerDbContext(options);
    }
}
