using System.Text;
using JwtAuth.Revocation;
using JwtAuth.Server.Accounts;
using JwtAuth.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>The <c>me</c> cache alone: what it stores, what a change makes it forget, and its bound.</summary>
public sealed class MeCacheTests
{
    private static readonly byte[] Old = Encoding.UTF8.GetBytes("""{"last_login":"old"}""");
    private static readonly byte[] New = Encoding.UTF8.GetBytes("""{"last_login":"new"}""");

    [Fact]
    public void Add_StoresTheBody_UntilTheUserIsForgotten()
    {
        using var cache = Create();

        cache.Add("alice", cache.Version("alice"), Old).ShouldBeTrue();
        cache.TryGet("alice", out var body).ShouldBeTrue();
        body.ShouldBe(Old);

        ((IUserChangeObserver)cache).OnUserChanged("alice");
        cache.TryGet("alice", out _).ShouldBeFalse();
    }

    [Fact]
    public void Add_OfABodyReadBeforeAChange_IsRefused_AndTheNextReadIsStored()
    {
        using var cache = Create();
        var before = cache.Version("alice");

        // The reader read the old row, then the change was heard, then the reader tries to store.
        cache.Forget("alice");
        cache.Add("alice", before, Old).ShouldBeFalse();

        cache.TryGet("alice", out _).ShouldBeFalse();
        cache.Add("alice", cache.Version("alice"), New).ShouldBeTrue();
        cache.TryGet("alice", out var body).ShouldBeTrue();
        body.ShouldBe(New);
    }

    [Fact]
    public void Forget_OfAnotherUser_LeavesTheCopy()
    {
        using var cache = Create();
        cache.Add("alice", cache.Version("alice"), Old);

        cache.Forget("bob");

        cache.TryGet("alice", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TheCache_StaysWithinItsSizeLimit()
    {
        using var cache = Create(sizeLimitBytes: 10_000);
        var body = new byte[300];

        for (var i = 0; i < 200; i++)
        {
            cache.Add($"user-{i}", cache.Version($"user-{i}"), body);
            await Task.Yield();
        }

        // Each entry costs at least its body: no more than the limit's worth are held.
        Enumerable.Range(0, 200).Count(i => cache.TryGet($"user-{i}", out _)).ShouldBeLessThanOrEqualTo(10_000 / 300);
    }

    [Fact]
    public void SizeLimitZero_TurnsTheCacheOff()
    {
        using var cache = Create(sizeLimitBytes: 0);

        cache.Enabled.ShouldBeFalse();
        cache.Add("alice", cache.Version("alice"), Old).ShouldBeFalse();
        cache.TryGet("alice", out _).ShouldBeFalse();
    }

    [Fact]
    public void ANegativeSizeLimit_IsRefusedNamingTheSetting()
    {
        Should.Throw<InvalidOperationException>(() => Create(sizeLimitBytes: -1)).Message.ShouldContain("Cache:MeSizeLimitBytes");
    }

    private static MeCache Create(long? sizeLimitBytes = null)
    {
        var settings = new Dictionary<string, string?>();
        if (sizeLimitBytes is { } limit)
        {
            settings["Cache:MeSizeLimitBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new MeCache(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Options.Create(new RevocationSyncOptions()));
    }
}
