using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JwtAuth.Server.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock. Microsoft.Data.Sqlite's own retry on SQLITE_BUSY
/// sleeps 150 ms between attempts, which put a ~300 ms tail on concurrent refreshes; SQLite's
/// busy handler retries within milliseconds of the lock being released.
/// </summary>
/// <remarks>
/// Set on the native connection through <c>sqlite3_busy_timeout</c>, the call
/// <c>PRAGMA busy_timeout</c> makes, without preparing and running a statement on every open of a
/// pooled connection (a sixth of the database work of a one-row read such as <c>me</c>). The
/// setting belongs to the native connection, which the pool keeps; setting it again on each open
/// costs a native call and covers connections the pool opens anew.
/// </remarks>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a statement waits for a lock before SQLite answers SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetBusyTimeout(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetBusyTimeout(connection);
        return Task.CompletedTask;
    }

    private static void SetBusyTimeout(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle;
        var rc = SQLitePCL.raw.sqlite3_busy_timeout(handle, BusyTimeoutMilliseconds);
        SqliteException.ThrowExceptionForRC(rc, handle);
    }
}
