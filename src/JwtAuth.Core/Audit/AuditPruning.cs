using JwtAuth.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Audit;

/// <summary>
/// Deletes the events older than <see cref="AuditOptions.Retention"/> at start and then every
/// <see cref="AuditOptions.PruneInterval"/>, on the injected clock, in batches so that no delete
/// holds the table long.
/// </summary>
internal sealed partial class AuditPruning(
    IServiceScopeFactory scopes,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditPruning> logger) : BackgroundService
{
    internal const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PruneInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SessionStoreUnavailableException ex)
            {
                // Old events stay a round longer; the next round prunes them.
                LogPruneFailed(ex.Message);
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One round: deletes every event older than the retention.</summary>
    internal async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.Retention;
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IAuditEventStore>();
        int total = 0, batch;
        do
        {
            batch = await store.PruneAsync(before, BatchSize, cancellationToken).ConfigureAwait(false);
            total += batch;
        }
        while (batch == BatchSize);

        if (total > 0)
        {
            LogPruned(total, before);
        }

        return total;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Pruned {Count} audit event(s) from before {Before:O}")]
    private partial void LogPruned(int count, DateTimeOffset before);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Audit pruning failed; retrying next round: {Reason}")]
    private partial void LogPruneFailed(string reason);
}
