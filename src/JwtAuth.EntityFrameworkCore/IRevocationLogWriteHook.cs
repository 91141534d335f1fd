namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// Runs inside the transaction that appended revocation log entries, just before it commits, so a
/// provider can tell other nodes (PostgreSQL: <c>pg_notify</c>, delivered only if the commit happens).
/// </summary>
internal interface IRevocationLogWriteHook
{
    Task OnEntriesWrittenAsync(Microsoft.EntityFrameworkCore.DbContext context, long lastId, CancellationToken cancellationToken);
}
