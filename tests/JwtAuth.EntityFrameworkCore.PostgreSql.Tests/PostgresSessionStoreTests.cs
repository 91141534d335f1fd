using System.Net;
using System.Net.Sockets;
using JwtAuth.EntityFrameworkCore.Tests.Contract;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JwtAuth.EntityFrameworkCore.PostgreSql.Tests;

/// <summary>
/// The store contract on a real PostgreSQL (<see cref="PostgresServer"/>): a database of its own for
/// each test. Skipped with the reason where the binaries are missing, failed instead under
/// <c>JWTAUTH_REQUIRE_POSTGRES=1</c>.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public class PostgresSessionStoreTests(PostgresServer postgres) : SessionStoreContract
{
    private string? _database;

    // As UsePostgreSqlRevocations registers it: rotation in one statement.
    private protected override IRotationStatement? Rotation { get; } = new PostgresRotationStatement();

    protected override async Task CreateDatabaseAsync()
    {
        if (postgres.SkipReason is not null)
        {
            // Nothing to create: the test skips (or fails) when it asks for its first context.
            return;
        }

        var connectionString = await postgres.CreateDatabaseAsync("efstore");
        _database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    protected override TestSessionDbContext CreateContext()
    {
        postgres.EnsureAvailable();
        return Context(postgres.ConnectionString(_database!));
    }

    protected override TestSessionDbContext CreateUnreachableContext() =>
        Context(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = ClosedPort(), Username = "postgres", Database = "none", Timeout = 2 }.ConnectionString);

    protected override async Task DropDatabaseAsync()
    {
        if (_database is null)
        {
            return;
        }

        // The pools of finished tests would hold idle connections until max_connections runs out.
        NpgsqlConnection.ClearAllPools();
        await postgres.ExecuteAsync("postgres", $"DROP DATABASE \"{_database}\" WITH (FORCE)");
    }

    private static TestSessionDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<TestSessionDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>A port on 127.0.0.1 that nothing listens on (it was free a moment ago).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
