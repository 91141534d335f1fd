using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// Remembers, per node, the payloads that signed someone in until they are too old to pass the
/// freshness check anyway, so the same payload is accepted once. Keyed by the payload's hash (an
/// HMAC over all of its fields: two payloads share it only if they are the same payload).
/// </summary>
internal sealed class TelegramReplayGuard : IDisposable
{
    private readonly MemoryCache _used;
    private readonly Lock _gate = new();

    public TelegramReplayGuard(IOptions<TelegramOptions> options, TimeProvider time)
    {
        _used = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.ReplayCacheSize, Clock = new TimeProviderClock(time) });
    }

    /// <summary>
    /// Records the payload as used until <paramref name="forgetAt"/>: <see cref="ReplayCheck.First"/>
    /// the first time, <see cref="ReplayCheck.Replayed"/> after; <see cref="ReplayCheck.Full"/> when
    /// the cache had no room, so that a payload is never accepted unrecorded.
    /// </summary>
    public ReplayCheck TryUse(byte[] hash, DateTimeOffset forgetAt)
    {
        var key = Convert.ToHexString(hash);
        // Check and record as one step: two concurrent uses of one payload must not both pass.
        lock (_gate)
        {
            if (_used.TryGetValue(key, out _))
            {
                return ReplayCheck.Replayed;
            }

            // Never evicted to make room: an evicted payload could be replayed. A full cache refuses
            // the new entry instead, and the sign-in is refused with it.
            _used.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = forgetAt, Priority = CacheItemPriority.NeverRemove });
            return _used.TryGetValue(key, out _) ? ReplayCheck.First : ReplayCheck.Full;
        }
    }

    public void Dispose() => _used.Dispose();

    /// <summary>The cache's clock on the app's <see cref="TimeProvider"/>, so tests move it.</summary>
#pragma warning disable CS0618 // ISystemClock is what MemoryCacheOptions.Clock takes.
    private sealed class TimeProviderClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
#pragma warning restore CS0618
}

/// <summary>What <see cref="TelegramReplayGuard.TryUse"/> found.</summary>
internal enum ReplayCheck
{
    First,
    Replayed,
    Full,
}
