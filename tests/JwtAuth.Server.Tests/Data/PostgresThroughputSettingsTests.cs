using JwtAuth.Server.Data;
using Npgsql;

namespace JwtAuth.Server.Tests.Data;

/// <summary>The server prepares and multiplexes its PostgreSQL statements unless the connection string decides.</summary>
public sealed class PostgresThroughputSettingsTests
{
    [Fact]
    public void AConnectionStringThatSaysNothing_GetsAutomaticPreparation()
    {
        var connectionString = ServerDatabaseServiceCollectionExtensions.ForThroughput("Host=db;Database=jwtauth;Username=app");

        var built = new NpgsqlConnectionStringBuilder(connectionString);
        built.MaxAutoPrepare.ShouldBe(ServerDatabaseServiceCollectionExtensions.AutoPreparedStatements);
        built.Multiplexing.ShouldBeTrue();
        built.Host.ShouldBe("db");
        built.Database.ShouldBe("jwtauth");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=5", 5)]
    [InlineData("Host=db;max auto prepare=7", 7)]
    public void AConnectionStringThatDecidesPreparation_IsKept(string connectionString, int expected) =>
        new NpgsqlConnectionStringBuilder(ServerDatabaseServiceCollectionExtensions.ForThroughput(connectionString)).MaxAutoPrepare.ShouldBe(expected);

    [Fact]
    public void AConnectionStringThatTurnsMultiplexingOff_IsKept() =>
        new NpgsqlConnectionStringBuilder(ServerDatabaseServiceCollectionExtensions.ForThroughput("Host=db;Multiplexing=false")).Multiplexing.ShouldBeFalse();
}
