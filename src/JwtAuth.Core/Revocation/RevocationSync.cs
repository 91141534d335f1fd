using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>
/// Loads the revocation log into the registry before the node serves requests, then keeps
/// applying entries written by other nodes (woken by an <see cref="IRevocationSignal"/> when one is
/// registered, and at least every catch-up interval), drops what has expired from memory, and
/// prunes expired rows from the database.
/// </summary>
internal sealed partial class RevocationSync(
    IServiceScopeFactory scopes,
    RevocationRegistry registry,
    TokenServices tokens,
    IOptions<RevocationSyncOptions> options,
    ILogger<RevocationSync> logger,
    IRevocationSignal? signal = null) : BackgroundService
{
    private const int BatchSize = 1000;
    private DateTimeOffset? _gapSeenAt;
    private DateTimeOffset _lastPrune;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Revocations made before this node started must hold from its first request.
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        _lastPrune = tokens.Time.GetUtcNow();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and applies every log entry past the registry's watermark.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        var from = registry.Watermark;
        var after = from;
        var applied = 0;
        IReadOnlyList<RevocationEntry> entries;
        do
        {
            // Page on past the last entry read, not the watermark, which may wait at a gap.
            entries = await store.ReadRevocationsAsync(after, BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                registry.Apply(entry);
                after = entry.Id;
            }

            applied += entries.Count;
        }
        while (entries.Count == BatchSize);

        SettleGap(from);
        return applied;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CatchUpInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (signal is null)
                {
                    await Task.Delay(interval, tokens.Time, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await signal.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
                }

                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
                registry.Prune(tokens.Time.GetUtcNow().ToUnixTimeSeconds());
                await PruneDatabaseIfDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SessionStoreUnavailableException ex)
            {
                // The registry keeps what it knew; the next round catches up.
                LogCatchUpFailed(ex.Message);
            }
        }
    }

    /// <summary>
    /// Ids are handed out before commit, so a later id can become visible before an earlier one.
    /// The watermark waits at a gap, re-reading past it each round, until the gap has stood for
    /// <see cref="RevocationSyncOptions.GapTimeout"/>: then its transaction rolled back.
    /// </summary>
    private void SettleGap(long from)
    {
        if (registry.FirstAppliedAboveGap() is not { } firstAbove)
        {
            _gapSeenAt = null;
            return;
        }

        var now = tokens.Time.GetUtcNow();
        _gapSeenAt ??= now;
        // At start-up everything below the first entry left in the log was pruned.
        if (from == 0 || now - _gapSeenAt >= options.Value.GapTimeout)
        {
            registry.SkipTo(firstAbove - 1);
            _gapSeenAt = null;
        }
    }

    private async Task PruneDatabaseIfDueAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.PruneInterval;
        var now = tokens.Time.GetUtcNow();
        if (interval <= TimeSpan.Zero || now - _lastPrune < interval)
        {
            return;
        }

        _lastPrune = now;
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        PruneResult total = default, batch;
        do
        {
            batch = await store.PruneAsync(now, BatchSize, cancellationToken).ConfigureAwait(false);
            total += batch;
        }
        while (batch.Total > 0);

        LogPruned(total.RefreshTokens, total.Sessions, total.Revocations);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Revocation catch-up failed; serving from memory until the database answers: {Reason}")]
    private partial void LogCatchUpFailed(string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Pruned {RefreshTokens} refresh token(s), {Sessions} session(s), {Revocations} revocation(s)")]
    private partial void LogPruned(int refreshTokens, int sessions, int revocations);
}
