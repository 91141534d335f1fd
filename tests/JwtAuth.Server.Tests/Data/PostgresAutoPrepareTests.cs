using JwtAuth.Server.Data;
using Npgsql;

namespace JwtAuth.Server.Tests.Data;

/// <summary>The server prepares its PostgreSQL statements automatically unless the connection string decides.</summary>
public sealed class PostgresAutoPrepareTests
{
    [Fact]
    public void AConnectionStringThatSaysNothing_GetsAutomaticPreparation()
    {
        var connectionString = ServerDatabaseServiceCollectionExtensions.WithAutoPrepare("Host=db;Database=jwtauth;Username=app");

        var built = new NpgsqlConnectionStringBuilder(connectionString);
        built.MaxAutoPrepare.ShouldBe(ServerDatabaseServiceCollectionExtensions.AutoPreparedStatements);
        built.Host.ShouldBe("db");
        built.Database.ShouldBe("jwtauth");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=5", 5)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void AConnectionStringThatDecides_IsKept(string connectionString, int expected) =>
        new NpgsqlConnectionStringBuilder(ServerDatabaseServiceCollectionExtensions.WithAutoPrepare(connectionString)).MaxAutoPrepare.ShouldBe(expected);
}
