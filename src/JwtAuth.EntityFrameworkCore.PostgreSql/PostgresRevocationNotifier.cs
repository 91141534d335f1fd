using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Announces revocation log writes with <c>pg_notify</c> inside the writing transaction:
/// PostgreSQL delivers the notification only if that transaction commits, and only after the rows
/// are visible, so a listener that reads the log on hearing it finds them.
/// </summary>
internal sealed class PostgresRevocationNotifier : IRevocationLogWriteHook
{
    public async Task OnEntriesWrittenAsync(DbContext context, long lastId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The payload is informative only: listeners read everything past their own watermark.
        var payload = lastId.ToString(CultureInfo.InvariantCulture);
        await context.Database
            .ExecuteSqlAsync($"SELECT pg_notify({PostgresRevocationChannel.Name}, {payload})", cancellationToken)
            .ConfigureAwait(false);
    }
}
