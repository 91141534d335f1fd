using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JwtAuth.Server.Data;

/// <summary>
/// Lets SQLite itself wait for the write lock. Microsoft.Data.Sqlite's own retry on SQLITE_BUSY
/// sleeps 150 ms between attempts, which put a ~300 ms tail on concurrent refreshes; SQLite's
/// busy handler retries within milliseconds of the lock being released.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
