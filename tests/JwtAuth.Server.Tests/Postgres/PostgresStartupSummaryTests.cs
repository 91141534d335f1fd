using JwtAuth.Server.Tests.Hosting;
using JwtAuth.Server.Tests.Infrastructure;
using Npgsql;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>On PostgreSQL the start-up summary names host, port and database, never the password.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresStartupSummaryTests(PostgresServer postgres) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-pg-summary-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task Postgres_LogsHostPortAndDatabase_NeverThePassword()
    {
        postgres.EnsureAvailable();
        // The test cluster trusts local connections, so any password is accepted and none is needed.
        const string password = "pg-password-that-must-not-be-logged";
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("summary")) { Password = password };

        var output = await StartupSummaryTests.ServeAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = connectionString.ConnectionString,
            ["Logging__LogLevel__Default"] = null,
        });

        StartupSummaryTests.SummaryLines(output).ShouldBe([$"Data: PostgreSQL database '{connectionString.Database}' on 127.0.0.1:{postgres.Port}"], output);
        output.ShouldNotContain(password);
    }
}
