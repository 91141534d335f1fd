using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JwtAuth.Server.Data;

/// <summary>
/// Lets <c>dotnet ef</c> create <see cref="PostgresServerDbContext"/> without starting the server
/// or reaching a database: the same provider and model as at run time, on a placeholder connection
/// string that generating migrations, scripts and the pending-changes check never open. Commands
/// that do connect take the real one: <c>dotnet ef database update --connection "Host=...;..."</c>.
/// </summary>
public sealed class PostgresServerDbContextFactory : IDesignTimeDbContextFactory<PostgresServerDbContext>
{
    private const string PlaceholderConnection = "Host=localhost;Database=jwtauth;Username=jwtauth";

    public PostgresServerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresServerDbContext>()
            .UseNpgsql(PlaceholderConnection)
            .Options;
        return new PostgresServerDbContext(options);
    }
}
