using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>
/// Reads a revocation log by id into the registry without skipping an entry that commits late: the
/// one catch-up, whatever the log is read from (the database on a server node, the server's
/// revocation feed on a resource server). Ids missing below the highest one read (a transaction
/// still open, or rolled back) are re-read for <see cref="RevocationSyncOptions.ReReadWindow"/>
/// (<see cref="RevocationLogGaps"/>). Entries about a user's account are also told to the host's
/// <see cref="IUserChangeObserver"/>s.
/// </summary>
internal sealed partial class RevocationCatchUp(
    RevocationRegistry registry,
    UserChangeNotifier userChanges,
    TimeProvider time,
    IOptions<RevocationSyncOptions> options,
    ILogger<RevocationCatchUp> logger) : IDisposable
{
    /// <summary>The most entries one read asks for.</summary>
    public const int BatchSize = 1000;

    private readonly SemaphoreSlim _round = new(1, 1);
    private readonly RevocationLogGaps _gaps = new();
    private DateTimeOffset _lastLateReRead = DateTimeOffset.MinValue;
    private long _highestRead;

    /// <summary>Every log id up to this one has been read, or given up (and is still re-read for a while).</summary>
    public long Watermark => _gaps.Watermark;

    /// <summary>The highest log id read; the next round reads after it.</summary>
    public long HighestRead => Volatile.Read(ref _highestRead);

    /// <summary>
    /// One round: re-reads the gaps (ids below the highest read that were missing), then reads every
    /// entry past the highest id with <paramref name="read"/> (up to <c>max</c> entries with an id
    /// above <c>afterId</c>, by id). Applying an entry twice is harmless, so nothing needs to be
    /// remembered about what was applied, only about what was missing. Returns the number of
    /// entries read.
    /// </summary>
    /// <remarks>
    /// A gap is re-read every round for <see cref="RevocationSyncOptions.GapTimeout"/>; then it is
    /// given up (the watermark passes it) but still re-read once every gap timeout, until a re-read
    /// that began <see cref="RevocationSyncOptions.ReReadWindow"/> after the gap was first seen:
    /// only then is it forgotten. docs/revocation-catch-up.md states the guarantee.
    /// </remarks>
    public async Task<int> CatchUpAsync(Func<long, int, CancellationToken, Task<IReadOnlyList<RevocationEntry>>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _round.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = options.Value;
            var now = time.GetUtcNow();

            foreach (var gap in _gaps.GiveUp(now - settings.GapTimeout))
            {
                LogGapGivenUp(gap.From, gap.To, settings.GapTimeout, settings.ReReadWindow);
            }

            // Given-up gaps are re-read once every gap timeout; the others every round.
            var late = now - _lastLateReRead >= settings.GapTimeout;
            var count = await ReReadGapsAsync(read, _gaps.ToReRead(includeGivenUp: late), cancellationToken).ConfigureAwait(false);
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
                entries = await read(_gaps.HighestRead, BatchSize, cancellationToken).ConfigureAwait(false);
                Accept(entries);
                count += entries.Count;
            }
            while (entries.Count == BatchSize);

            return count;
        }
        finally
        {
            _round.Release();
        }
    }

    public void Dispose() => _round.Dispose();

    /// <summary>
    /// Reads the ids of <paramref name="gaps"/> (sorted, disjoint). Each read asks for no more rows
    /// than there are ids from its start to the last gap it can reach within one batch: ids are
    /// unique, so the rows returned cover every id of those gaps that exists.
    /// </summary>
    private async Task<int> ReReadGapsAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<RevocationEntry>>> read,
        List<RevocationLogGaps.Gap> gaps,
        CancellationToken cancellationToken)
    {
        var count = 0;
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
            var entries = await read(after, max, cancellationToken).ConfigureAwait(false);
            Accept(entries);
            count += entries.Count;
            if (entries.Count < max)
            {
                // Fewer than asked for: nothing above `after` is left unread.
                break;
            }

            covered = entries[^1].Id;
        }

        return count;
    }

    private void Accept(IReadOnlyList<RevocationEntry> entries)
    {
        // Read after the rows came back: every id of a gap they reveal was handed out before this.
        var seen = time.GetUtcNow();
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

        Volatile.Write(ref _highestRead, _gaps.HighestRead);
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Revocation log ids {From}-{To} still missing after {GapTimeout}; no longer waited for, re-read until {ReReadWindow} after they were first missed")]
    private partial void LogGapGivenUp(long from, long to, TimeSpan gapTimeout, TimeSpan reReadWindow);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Revocation log ids {From}-{To} never appeared within {ReReadWindow}; taken as rolled back or pruned")]
    private partial void LogGapForgotten(long from, long to, TimeSpan reReadWindow);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Revocation log entry {Id} became visible {Late} after its id was first missed, past the gap timeout; applied by the re-read window ({ReReadWindow}). A transaction that stays open longer than the window would be missed")]
    private partial void LogLateEntryApplied(long id, TimeSpan late, TimeSpan reReadWindow);
}
