using JwtAuth.Server.Data;
using JwtAuth.Server.Hosting;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>
/// The built server says once, at Information, where its data lives: the database and, in
/// Development, the file of the generated key; never the key or a database password.
/// </summary>
public sealed class StartupSummaryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-summary-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Development_LogsTheDatabaseFileAndTheKeyFile_OnceAndNeverTheKey()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_directory, "app")).FullName;
        var database = Path.Combine(contentRoot, "App_Data", "jwtauth.db");
        var keyFile = Path.Combine(contentRoot, "App_Data", "development-signing-key");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["JwtAuth__SigningKey"] = null,
            ["ConnectionStrings__Default"] = null,
            ["Logging__LogLevel__Default"] = null,
        };

        var first = await ServeAsync(environment, "--contentRoot", contentRoot);
        var second = await ServeAsync(environment, "--contentRoot", contentRoot);

        SummaryLines(first).ShouldBe([$"Data: SQLite file {database}; development signing key generated into {keyFile}"], first);
        SummaryLines(second).ShouldBe([$"Data: SQLite file {database}; development signing key read from {keyFile}"], second);
        var key = File.ReadAllText(keyFile).Trim();
        foreach (var output in new[] { first, second })
        {
            output.ShouldNotContain(key);
            output.ShouldNotContain(key[^32..]);
        }
    }

    [Fact]
    public async Task Production_LogsTheDatabaseFile_AndNoKey()
    {
        var database = Path.Combine(_directory, "production.db");

        var output = await ServeAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={database}",
            ["Logging__LogLevel__Default"] = null,
        });

        SummaryLines(output).ShouldBe([$"Data: SQLite file {database}"], output);
        output.ShouldNotContain(TestServerHost.SigningKey);
        output.ShouldNotContain("signing key", Case.Insensitive);
    }

    [Theory]
    [InlineData("Host=db.internal;Port=5433;Username=jwtauth;Password=hunter2-secret;Database=auth", "PostgreSQL database 'auth' on db.internal:5433")]
    [InlineData("Host=db;Username=jwtauth;Password=hunter2-secret", "PostgreSQL (the user's default database) on db:5432")]
    [InlineData("Data Source=/var/lib/jwtauth/jwtauth.db;Password=hunter2-secret", "SQLite file /var/lib/jwtauth/jwtauth.db")]
    [InlineData("Data Source=:memory:", "SQLite in memory")]
    public void DescribeDatabase_SaysWhere_WithoutCredentials(string connectionString, string expected)
    {
        var provider = connectionString.StartsWith("Host=", StringComparison.Ordinal) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

        var description = StartupSummary.DescribeDatabase(provider, connectionString);

        description.ShouldBe(expected);
        description.ShouldNotContain("hunter2");
        description.ShouldNotContain("jwtauth;");
    }

    /// <summary>The messages of the start-up summary entries (the line after each "info: JwtAuth.Server.Startup[1]").</summary>
    internal static string[] SummaryLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        return lines.Select((line, index) => (line, index))
            .Where(entry => entry.line == "info: JwtAuth.Server.Startup[1]" && entry.index + 1 < lines.Length)
            .Select(entry => lines[entry.index + 1])
            .ToArray();
    }

    /// <summary>Starts the built server, waits until it serves, stops it and returns everything it wrote.</summary>
    internal static async Task<string> ServeAsync(string workingDirectory, Dictionary<string, string?> environment, params string[] args)
    {
        await using var server = ServerProcess.Start(workingDirectory, environment, args);
        await server.WaitUntilReadyAsync();
        (await server.StopAsync()).ShouldBe(0, server.Output);
        return server.Output;
    }

    private Task<string> ServeAsync(Dictionary<string, string?> environment, params string[] args) => ServeAsync(_directory, environment, args);
}
