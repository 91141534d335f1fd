using JwtAuth.Server.Telegram;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Telegram;

public sealed class TelegramReplayGuardTests
{
    [Fact]
    public async Task FullCache_RefusesNewPayloads_AndNeverEvictsAUsedOneToMakeRoom()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var guard = new TelegramReplayGuard(Options.Create(new TelegramOptions { ReplayCacheSize = 20 }), time);
        var forgetAt = time.GetUtcNow().AddMinutes(5);
        var used = Enumerable.Range(0, 20).Select(i => new[] { (byte)i }).ToArray();
        byte[] other = [200];
        foreach (var hash in used)
        {
            guard.TryUse(hash, forgetAt).ShouldBe(ReplayCheck.First);
        }

        // A refused entry starts a compaction in the background: give it time to evict what it may.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            guard.TryUse(other, forgetAt).ShouldBe(ReplayCheck.Full);
            used.ShouldAllBe(hash => guard.TryUse(hash, forgetAt) == ReplayCheck.Replayed);
            await Task.Delay(25);
        }
    }

    [Fact]
    public void UsedPayload_IsForgottenAtItsForgetTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var guard = new TelegramReplayGuard(Options.Create(new TelegramOptions()), time);
        byte[] hash = [1, 2, 3];
        var forgetAt = time.GetUtcNow().AddMinutes(5);

        guard.TryUse(hash, forgetAt).ShouldBe(ReplayCheck.First);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        guard.TryUse(hash, forgetAt).ShouldBe(ReplayCheck.Replayed);
        time.Advance(TimeSpan.FromMilliseconds(1));
        guard.TryUse(hash, time.GetUtcNow().AddMinutes(5)).ShouldBe(ReplayCheck.First);
    }
}
