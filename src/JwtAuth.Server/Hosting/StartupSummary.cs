using JwtAuth.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// One Information line at start-up saying where the data lives: the database provider and its
/// location (the SQLite file; for PostgreSQL host, port and database, never the user or password)
/// and, in Development, the file of the generated development signing key (never the key).
/// </summary>
internal static partial class StartupSummary
{
    public static void Log(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(StartupFailure.LogCategory);
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        string database;
        using (var scope = services.CreateScope())
        {
            var provider = scope.ServiceProvider.GetRequiredService<DatabaseSettings>().Provider;
            var connectionString = scope.ServiceProvider.GetRequiredService<ServerDbContext>().Database.GetConnectionString() ?? "";
            database = DescribeDatabase(provider, connectionString);
        }

        if (services.GetService<DevelopmentSigningKeyFile>() is { } key)
        {
            DataWithDevelopmentKey(logger, database, key.Generated ? "generated into" : "read from", key.Path);
        }
        else
        {
            Data(logger, database);
        }
    }

    /// <summary>Where the database is, without credentials.</summary>
    public static string DescribeDatabase(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            var database = string.IsNullOrEmpty(postgres.Database) ? "(the user's default database)" : $"database '{postgres.Database}'";
            return $"PostgreSQL {database} on {postgres.Host}:{postgres.Port}";
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        return sqlite.DataSource is "" or ":memory:" || sqlite.Mode == SqliteOpenMode.Memory
            ? "SQLite in memory"
            : $"SQLite file {sqlite.DataSource}";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Data: {Database}")]
    private static partial void Data(ILogger logger, string database);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Data: {Database}; development signing key {KeyAction} {KeyFile}")]
    private static partial void DataWithDevelopmentKey(ILogger logger, string database, string keyAction, string keyFile);
}
