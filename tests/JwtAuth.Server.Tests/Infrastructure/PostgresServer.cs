using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL cluster: <c>initdb</c> into a temp directory and <c>pg_ctl</c> on a
/// free port of 127.0.0.1, run as the <c>postgres</c> user when the tests run as root (PostgreSQL
/// refuses root). One serves every test of the <see cref="PostgresTestGroup"/>; each test class
/// creates its own database. Tests are skipped, with the reason, where the binaries are missing,
/// unless <c>JWTAUTH_REQUIRE_POSTGRES=1</c> (CI) makes that a failure. <c>JWTAUTH_POSTGRES_BIN</c>
/// picks the binaries' directory.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string RequireVariable = "JWTAUTH_REQUIRE_POSTGRES";

    /// <summary>Names the directory of <c>initdb</c> and <c>pg_ctl</c> instead of searching for them.</summary>
    public const string BinVariable = "JWTAUTH_POSTGRES_BIN";

    private string _bin = "";
    private string _root = "";
    private bool _runAsPostgres;

    /// <summary>Why the tests cannot run here, or null when the server is up.</summary>
    public string? SkipReason { get; private set; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        if (FindBinaries() is not { } bin)
        {
            SkipReason = $"PostgreSQL binaries (initdb, pg_ctl) not found in ${BinVariable}, under /usr/lib/postgresql/*/bin or on PATH; install the postgresql package.";
            return;
        }

        _bin = bin;
        _root = Path.Combine(Path.GetTempPath(), "jwtauth-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        _runAsPostgres = Environment.UserName == "root";
        if (_runAsPostgres)
        {
            await RunAsync("chown", ["postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        Port = FreePort();
        await StartAsync();
    }

    /// <summary>Skips the test (or fails it in CI) when no PostgreSQL could be started.</summary>
    public void EnsureAvailable()
    {
        if (SkipReason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException($"{RequireVariable}=1 but {SkipReason}");
        }

        Skip.If(true, SkipReason);
    }

    /// <summary>Starts (or restarts after <see cref="StopAsync"/>) the cluster on the same port and data.</summary>
    public Task StartAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
    [
        "-D", DataDirectory, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "60",
        // fsync off: a test cluster trades durability for speed; a clean stop still writes everything.
        "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300",
        "start",
    ]);

    /// <summary>Stops the cluster: <c>fast</c> ends every connection, as an administrator restarting the database does.</summary>
    public Task StopAsync(string mode = "fast") =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop"]);

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            // Short connect timeout: while the database is down, requests fail fast with 503 instead of hanging.
            Timeout = 3,
            CommandTimeout = 10,
        }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Runs one statement as the superuser on <paramref name="database"/>, returning the first column of the first row.</summary>
    public async Task<object?> ExecuteAsync(string database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        if (_root.Length == 0)
        {
            return;
        }

        try
        {
            await StopAsync("immediate");
        }
        catch (InvalidOperationException)
        {
            // Already stopped (a test's restart failed half-way); the directory goes anyway.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } chosen)
        {
            return File.Exists(Path.Combine(chosen, "initdb")) && File.Exists(Path.Combine(chosen, "pg_ctl")) ? chosen : null;
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var major) ? major : 0)
            : Enumerable.Empty<string>();
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(path).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsync(string file, IReadOnlyList<string> arguments) => RunAsync(file, arguments, _runAsPostgres);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
