using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Data;

/// <summary>Registers the server's database for the configured provider.</summary>
internal static class ServerDatabaseServiceCollectionExtensions
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/jwtauth.db";

    /// <summary>How many statements Npgsql prepares per connection by default (<c>Max Auto Prepare</c>).</summary>
    public const int AutoPreparedStatements = 64;

    public static JwtAuthBuilder AddServerDatabase(this JwtAuthBuilder jwtAuth, IConfiguration configuration, IHostEnvironment environment)
    {
        var services = jwtAuth.Services;
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Default");
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlite(connectionString ?? DefaultSqliteConnection, environment.ContentRootPath);
                // Pooled: a request reuses a context instead of building one and its services (a tenth
                // of a `me` read's CPU). The interceptor is stateless, so one instance serves the pool.
                services.AddDbContextPool<SqliteServerDbContext>(options => options.UseSqlite(sqlite).AddInterceptors(new SqliteBusyTimeoutInterceptor()));
                services.AddScoped<ServerDbContext>(sp => sp.GetRequiredService<SqliteServerDbContext>());
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set (environment ConnectionStrings__Default).");
                }

                var postgres = ForThroughput(connectionString);
                services.AddDbContextPool<PostgresServerDbContext>(options => options.UseNpgsql(postgres));
                services.AddScoped<ServerDbContext>(sp => sp.GetRequiredService<PostgresServerDbContext>());
                // Several instances share this database: each hears the others' revocations by LISTEN/NOTIFY.
                jwtAuth.UsePostgreSqlRevocations(options =>
                {
                    configuration.GetSection("JwtAuth:Revocation:Postgres").Bind(options);
                    options.ConnectionString = connectionString;
                });
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use Sqlite or Postgres.");
        }

        services.AddSingleton(new DatabaseSettings(provider));
        // Refresh tokens brought over by `importdjango` are redeemed once for a session; the audit
        // trail shares the context, so an event commits with the change it records.
        return jwtAuth.UseEntityFrameworkCore<ServerDbContext>().UseImportedRefreshTokens<ServerDbContext>()
            .UseEntityFrameworkCoreAuditTrail<ServerDbContext>();
    }

    /// <summary>
    /// Npgsql's automatic preparation and multiplexing, each unless the connection string says
    /// otherwise. A login's and a refresh's few statements run thousands of times: prepared, they
    /// skip PostgreSQL's parse and plan; multiplexed, the statements of concurrent requests share
    /// connections and round trips outside transactions. Together about twice the refreshes per
    /// second on this machine (docs/benchmarks.md).
    /// </summary>
    internal static string ForThroughput(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            tuned.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!given.ContainsKey("Multiplexing"))
        {
            tuned.Multiplexing = true;
        }

        return tuned.ConnectionString;
    }

    /// <summary>A relative SQLite file lives under the content root (next to the app), whatever the working directory.</summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(path, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }

        return builder.ToString();
    }
}

/// <summary>Which provider this process runs on.</summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider);
