using JwtAuth.Audit;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// <see cref="IAuditEventStore"/> on any relational EF Core provider. An append is one insert on
/// the host's context: inside the host's transaction it commits with the change it describes. The
/// events of session starts and ends are written by <see cref="EntityFrameworkSessionStore{TContext}"/>
/// in the transaction of the session write.
/// </summary>
internal sealed class EntityFrameworkAuditEventStore<TContext>(TContext context) : IAuditEventStore
    where TContext : DbContext
{
    private DbSet<AuditEventEntity> Events => context.Set<AuditEventEntity>();

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        DatabaseFailure.ReportUnavailableAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(auditEvent);
            var row = AuditEventEntity.From(auditEvent);
            Events.Add(row);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            // Only this row: the entities of the caller's own transaction (its change) stay tracked.
            context.Entry(row).State = EntityState.Detached;
            return row.Id;
        });

    public Task<AuditEventPage> ListAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken) =>
        DatabaseFailure.ReportUnavailableAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(query);
            ArgumentOutOfRangeException.ThrowIfNegative(skip);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
            var events = Events.AsNoTracking();
            if (query.UserId is { } user)
            {
                events = events.Where(e => e.UserId == user);
            }

            if (query.Kind is { } kind)
            {
                events = events.Where(e => e.Kind == kind);
            }

            if (query.SessionId is { } session)
            {
                events = events.Where(e => e.SessionId == session);
            }

            if (query.From is { } from)
            {
                var fromMs = from.ToUnixTimeMilliseconds();
                events = events.Where(e => e.OccurredAtMs >= fromMs);
            }

            if (query.To is { } to)
            {
                var toMs = to.ToUnixTimeMilliseconds();
                events = events.Where(e => e.OccurredAtMs < toMs);
            }

            var total = await events.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await events.OrderByDescending(e => e.OccurredAtMs).ThenByDescending(e => e.Id)
                .Skip(skip).Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new AuditEventPage(total, rows.ConvertAll(row => row.ToEvent()));
        });

    public Task<int> PruneAsync(DateTimeOffset before, int batchSize, CancellationToken cancellationToken) =>
        DatabaseFailure.ReportUnavailableAsync(() =>
        {
            var beforeMs = before.ToUnixTimeMilliseconds();
            return Events.Where(e => e.OccurredAtMs < beforeMs).OrderBy(e => e.OccurredAtMs).Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken);
        });
}
