using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JwtAuth.Server.Data;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="SqliteServerDbContext"/> without starting the server:
/// the same provider and model as at run time, on the server's default database file (relative
/// to the working directory, which <c>dotnet ef</c> sets to the project's). Generating migrations
/// or scripts opens no connection; <c>dotnet ef database update --connection</c> picks another database.
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
