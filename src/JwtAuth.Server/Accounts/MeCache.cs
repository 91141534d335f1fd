using JwtAuth.Revocation;
using JwtAuth.Users;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// This node's copy of what <c>/api/me/</c> answers, per user: the serialized body of an active
/// user, bounded in bytes (<c>Cache:MeSizeLimitBytes</c>, default 32 MiB; 0 turns it off). It
/// forgets a user when the revocation log says the account changed
/// (<see cref="RevocationKind.UserChanged"/>, or a user-wide cut-off), on this node at once and on
/// the others when their catch-up reads the entry.
/// </summary>
/// <remarks>
/// <para>A reader that misses takes a <see cref="Version"/> before it reads the database, and
/// <see cref="Add"/> stores its answer only if the user was not forgotten since: an answer read
/// before a change it was not told of is never stored after the change. Versions are kept per
/// stripe of user ids (a change of one user refuses the stores of the others of its stripe: a miss,
/// never a stale answer); a stripe's version moves and its user is removed under one lock, which
/// <see cref="Add"/> takes to compare and store, so no store slips between the two.</para>
/// <para>An entry lives at most the catch-up's re-read window: shorter than a
/// <see cref="RevocationKind.UserChanged"/> entry is kept in the log, so a node cut off from the
/// database long enough for the entry to be pruned unread has dropped the copy by then.</para>
/// </remarks>
internal sealed class MeCache : IUserChangeObserver, IDisposable
{
    /// <summary>The default bound of the cache, in bytes of bodies and keys.</summary>
    public const long DefaultSizeLimitBytes = 32 * 1024 * 1024;

    private const int Stripes = 1024;

    /// <summary>What an entry costs beyond its body and key: the cache's entry and the array headers, roughly.</summary>
    private const int EntryOverheadBytes = 200;

    private readonly MemoryCache? _cache;
    private readonly long[] _versions = new long[Stripes];
    private readonly Lock[] _locks = new Lock[Stripes];
    private readonly TimeSpan _lifetime;

    public MeCache(IConfiguration configuration, IOptions<RevocationSyncOptions> sync)
    {
        var limit = configuration.GetValue("Cache:MeSizeLimitBytes", DefaultSizeLimitBytes);
        if (limit < 0)
        {
            throw new InvalidOperationException($"Cache:MeSizeLimitBytes must be 0 (no cache) or a positive number of bytes; it is {limit}.");
        }

        _cache = limit == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = limit });
        _lifetime = sync.Value.ReReadWindow;
        for (var i = 0; i < Stripes; i++)
        {
            _locks[i] = new Lock();
        }
    }

    /// <summary>Whether the cache is on.</summary>
    public bool Enabled => _cache is not null;

    /// <summary>The user's cached body, if any.</summary>
    public bool TryGet(string userId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? body)
    {
        body = null;
        return _cache is not null && _cache.TryGetValue(userId, out body) && body is not null;
    }

    /// <summary>Taken before reading the user from the database, and handed to <see cref="Add"/>.</summary>
    public long Version(string userId) => Volatile.Read(ref _versions[Stripe(userId)]);

    /// <summary>
    /// Stores <paramref name="body"/>, read after <paramref name="version"/> was taken, unless the
    /// user (or another of its stripe) was forgotten since; false when it was not stored.
    /// </summary>
    public bool Add(string userId, long version, byte[] body)
    {
        if (_cache is null)
        {
            return false;
        }

        var stripe = Stripe(userId);
        lock (_locks[stripe])
        {
            if (_versions[stripe] != version)
            {
                return false;
            }

            _cache.Set(userId, body, new MemoryCacheEntryOptions
            {
                Size = body.Length + (2 * userId.Length) + EntryOverheadBytes,
                AbsoluteExpirationRelativeToNow = _lifetime,
            });
            return true;
        }
    }

    /// <summary>Forgets the user: the cached body goes, and every read under way is not stored.</summary>
    public void Forget(string userId)
    {
        var stripe = Stripe(userId);
        lock (_locks[stripe])
        {
            _versions[stripe]++;
            _cache?.Remove(userId);
        }
    }

    void IUserChangeObserver.OnUserChanged(string userId) => Forget(userId);

    public void Dispose() => _cache?.Dispose();

    private static int Stripe(string userId) => (int)((uint)StringComparer.Ordinal.GetHashCode(userId) % Stripes);
}
