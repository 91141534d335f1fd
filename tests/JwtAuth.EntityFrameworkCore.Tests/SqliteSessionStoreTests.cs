using JwtAuth.EntityFrameworkCore.Tests.Contract;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests;

/// <summary>The store contract on SQLite: a database file of its own in a temp directory for each test.</summary>
public class SqliteSessionStoreTests : SessionStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jwtauth-ef-" + Guid.NewGuid().ToString("N")[..12]);

    protected override async Task CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    protected override TestSessionDbContext CreateContext() => Context(Path.Combine(_directory, "sessions.db"));

    protected override TestSessionDbContext CreateUnreachableContext() => Context(Path.Combine(_directory, "no-such-directory", "sessions.db"));

    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static TestSessionDbContext Context(string file) =>
        new(new DbContextOptionsBuilder<TestSessionDbContext>().UseSqlite($"Data Source={file}").Options);
}
