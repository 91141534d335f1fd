using JwtAuth.Sessions;
using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>
/// Loads the revocation log into the registry before the node serves requests, then keeps
/// applying entries written by other nodes (woken by an <see cref="IRevocationSignal"/> when one is
/// registered, and at least every catch-up interval), drops what has expired from memory, and
/// prunes expired rows from the database. Ids missing below the highest one read (a transaction
/// still open, or rolled back) are re-read for <see cref="RevocationSyncOptions.ReReadWindow"/>
/// (<see cref="RevocationLogGaps"/>), so an entry that commits late is applied all the same.
/// Entries about a user's account are also told to the host's <see cref="IUserChangeObserver"/>s.
/// </summary>
internal sealed partial class RevocationSync(
    IServiceScopeFactory scopes,
    RevocationRegistry registry,
    UserChangeNotifier userChanges,
    TokenServices tokens,
    IOptions<RevocationSyncOptions> options,
    ILogger<RevocationSync> logger,
    IRevocationSignal? signal = null) : BackgroundService
{
    private const int BatchSize = 1000;
    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly RevocationLogGaps _gaps = new();
    private DateTimeOffset _lastLateReRead = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPrune;
    private long _lastCaughtUpUnixMs = long.MinValue;

    /// <summary>Every log id up to this one has been read, or given up (and is still re-read for a while).</summary>
    public long Watermark => _gaps.Watermark;

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
        // Revocations made before this node started must hold from its first request.
        await CatchUpAsync(cancellationToken).ConfigureAwait(false);
        _lastPrune = tokens.Time.GetUtcNow();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// One catch-up round: re-reads the gaps (ids below the highest read that were missing), then
    /// reads every entry past the highest id. Applying an entry twice is harmless, so nothing needs
    /// to be remembered about what was applied, only about what was missing. Returns the number of
    /// entries read.
    /// </summary>
    /// <remarks>
    /// A gap is re-read every round for <see cref="RevocationSyncOptions.GapTimeout"/>; then it is
    /// given up (the watermark passes it) but still re-read once every gap timeout, until a re-read
    /// that began <see cref="RevocationSyncOptions.ReReadWindow"/> after the gap was first seen:
    /// only then is it forgotten. docs/revocation-catch-up.md states the guarantee.
    /// </remarks>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var scope = scopes.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
            var settings = options.Value;
            var now = tokens.Time.GetUtcNow();

            foreach (var gap in _gaps.GiveUp(now - settings.GapTimeout))
            {
                LogGapGivenUp(gap.From, gap.To, settings.GapTimeout, settings.ReReadWindow);
            }

            // Given-up gaps are re-read once every gap timeout; the others every round.
            var late = now - _lastLateReRead >= settings.GapTimeout;
            var read = await ReReadGapsAsync(store, _gaps.ToReRead(includeGivenUp: late), cancellationToken).ConfigureAwait(false);
            if (late)
            {
                _lastLateReRead = now;
                // This re-read began after the window of these gaps closed: whatever committed in them
                // within the window has been read.
                foreach (var gap in _gaps.Forget(now - settings.ReReadWindow))
                {
                    LogGapForgotten(gap.From, gap.To, settings.ReReadWindow);
                }
            }

            IReadOnlyList<RevocationEntry> entries;
            do
            {
                entries = await store.ReadRevocationsAsync(_gaps.HighestRead, BatchSize, cancellationToken).ConfigureAwait(false);
                Accept(entries);
                read += entries.Count;
            }
            while (entries.Count == BatchSize);

            Volatile.Write(ref _lastCaughtUpUnixMs, now.ToUnixTimeMilliseconds());
            return read;
        }
        finally
        {
            _round.Release();
        }
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
    /// Reads the ids of <paramref name="gaps"/> (sorted, disjoint). Each read asks for no more rows
    /// than there are ids from its start to the last gap it can reach within one batch: ids are
    /// unique, so the rows returned cover every id of those gaps that exists.
    /// </summary>
    private async Task<int> ReReadGapsAsync(ISessionStore store, List<RevocationLogGaps.Gap> gaps, CancellationToken cancellationToken)
    {
        var read = 0;
        var covered = 0L;
        for (var i = 0; i < gaps.Count;)
        {
            if (gaps[i].To <= covered)
            {
                i++;
                continue;
            }

            var after = Math.Max(gaps[i].From - 1, covered);
            var end = gaps[i].To;
            for (var j = i + 1; j < gaps.Count && gaps[j].To - after <= BatchSize; j++)
            {
                end = gaps[j].To;
            }

            var max = (int)Math.Min(BatchSize, end - after);
            var entries = await store.ReadRevocationsAsync(after, max, cancellationToken).ConfigureAwait(false);
            Accept(entries);
            read += entries.Count;
            if (entries.Count < max)
            {
                // Fewer than asked for: nothing above `after` is left unread.
                break;
            }

            covered = entries[^1].Id;
        }

        return read;
    }

    private void Accept(IReadOnlyList<RevocationEntry> entries)
    {
        // Read after the rows came back: every id of a gap they reveal was handed out before this.
        var seen = tokens.Time.GetUtcNow();
        foreach (var entry in entries)
        {
            registry.Apply(entry);
            userChanges.Apply(entry);
            if (_gaps.Read(entry.Id, seen) is { GivenUp: true } gap)
            {
                // Applied all the same; but a transaction open this long eats into the window.
                LogLateEntryApplied(entry.Id, seen - gap.SeenAt, options.Value.ReReadWindow);
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

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Revocation log ids {From}-{To} still missing after {GapTimeout}; no longer waited for, re-read until {ReReadWindow} after they were first missed")]
    private partial void LogGapGivenUp(long from, long to, TimeSpan gapTimeout, TimeSpan reReadWindow);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Revocation log ids {From}-{To} never appeared within {ReReadWindow}; taken as rolled back or pruned")]
    private partial void LogGapForgotten(long from, long to, TimeSpan reReadWindow);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Revocation log entry {Id} became visible {Late} after its id was first missed, past the gap timeout; applied by the re-read window ({ReReadWindow}). A transaction that stays open longer than the window would be missed")]
    private partial void LogLateEntryApplied(long id, TimeSpan late, TimeSpan reReadWindow);
}
