using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Data;

/// <summary>
/// What an answered write needs to survive a power cut on SQLite: the write-ahead log, flushed at
/// every commit. Group commit makes commits rarer; it must not make them weaker.
/// </summary>
public sealed class SqliteDurabilityTests
{
    [Fact]
    public async Task TheServersConnections_UseTheWriteAheadLog_FlushedAtEveryCommit()
    {
        await using var host = await TestServerHost.StartAsync();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SqliteServerDbContext>();
        await db.Database.OpenConnectionAsync();

        (await Pragma(db, "journal_mode")).ShouldBe("wal");
        // 2 is FULL: the log is synced at each commit. NORMAL (1) in WAL mode acknowledges commits
        // that a power cut can take back; OFF (0) does not sync at all.
        (await Pragma(db, "synchronous")).ShouldBe("2");
    }

    private static async Task<string> Pragma(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
