using JwtAuth.Diagnostics;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>
/// Loads the revocation log from the store into the registry before the node serves requests, then
/// keeps applying entries written by other nodes (woken by an <see cref="IRevocationSignal"/> when
/// one is registered, and at least every catch-up interval) through <see cref="RevocationCatchUp"/>,
/// drops what has expired from memory, and prunes expired rows from the database.
/// </summary>
internal sealed partial class RevocationSync(
    IServiceScopeFactory scopes,
    RevocationRegistry registry,
    RevocationCatchUp catchUp,
    TokenServices tokens,
    IOptions<RevocationSyncOptions> options,
    JwtAuthMetrics metrics,
    ILogger<RevocationSync> logger,
    IRevocationSignal? signal = null) : BackgroundService
{
    private DateTimeOffset _lastPrune;
    private long _lastCaughtUpUnixMs = long.MinValue;

    /// <summary>Every log id up to this one has been read, or given up (and is still re-read for a while).</summary>
    public long Watermark => catchUp.Watermark;

    /// <summary>
    /// How long ago, at <paramref name="now"/>, the last catch-up round that read the log to its end
    /// began: what this node may have missed of other nodes' revocations (ignoring notifications).
    /// <see cref="TimeSpan.MaxValue"/> before the first round.
    /// </summary>
    public TimeSpan LagAt(DateTimeOffset now)
    {
        var last = Volatile.Read(ref _lastCaughtUpUnixMs);
        return last == long.MinValue ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - last);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveCatchUpLag(() => LagAt(tokens.Time.GetUtcNow()));
        // Revocations made before this node started must hold from its first request.
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        _lastPrune = tokens.Time.GetUtcNow();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One catch-up round over the store's log (<see cref="RevocationCatchUp.CatchUpAsync"/>); returns the number of entries read.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        var now = tokens.Time.GetUtcNow();
        var read = await catchUp.CatchUpAsync(store.ReadRevocationsAsync, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastCaughtUpUnixMs, now.ToUnixTimeMilliseconds());
        return read;
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
                metrics.DatabaseUnavailable("revocation_catch_up");
            }
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
            batch = await store.PruneAsync(now, RevocationCatchUp.BatchSize, cancellationToken).ConfigureAwait(false);
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
