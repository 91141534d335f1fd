using JwtAuth.Revocation;

namespace JwtAuth.Tests.Revocation;

public sealed class RevocationLogGapsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void AFreshNode_CountsEverythingBelowTheFirstIdReadAsAGap()
    {
        var gaps = new RevocationLogGaps();
        gaps.Read(1_000, T0);

        gaps.HighestRead.ShouldBe(1_000);
        gaps.Watermark.ShouldBe(0);
        gaps.ToReRead(includeGivenUp: false).ShouldBe([new RevocationLogGaps.Gap(1, 999, T0, GivenUp: false)]);
    }

    [Fact]
    public void ReadingInsideAGap_SplitsIt_AndTheWatermarkFollowsTheFirstGapStillWaitedFor()
    {
        var gaps = new RevocationLogGaps();
        gaps.Read(1, T0);
        gaps.Read(10, T0);
        gaps.Read(5, T0.AddSeconds(1)).ShouldBe(new RevocationLogGaps.Gap(2, 9, T0, GivenUp: false));

        gaps.ToReRead(includeGivenUp: false).Select(g => (g.From, g.To)).ShouldBe([(2L, 4L), (6L, 9L)]);
        gaps.Watermark.ShouldBe(1);

        gaps.Read(2, T0);
        gaps.Read(3, T0);
        gaps.Read(4, T0);
        gaps.Watermark.ShouldBe(5);
        gaps.Read(9, T0);
        gaps.Read(6, T0);
        gaps.ToReRead(includeGivenUp: false).Select(g => (g.From, g.To)).ShouldBe([(7L, 8L)]);
        gaps.Read(5, T0).ShouldBeNull("an id read twice is no gap");
    }

    [Fact]
    public void EachGap_IsGivenUpOnItsOwnClock_AndForgottenOnlyOnceGivenUp()
    {
        var gaps = new RevocationLogGaps();
        gaps.Read(1, T0);
        gaps.Read(3, T0);
        gaps.Read(5, T0.AddSeconds(59));

        gaps.GiveUp(T0).Select(g => g.From).ShouldBe([2L]);
        gaps.Watermark.ShouldBe(3, "the gap at 2 is given up, the one at 4 is still waited for");
        gaps.ToReRead(includeGivenUp: false).Select(g => g.From).ShouldBe([4L]);
        gaps.ToReRead(includeGivenUp: true).Select(g => g.From).ShouldBe([2L, 4L]);

        gaps.Forget(T0.AddSeconds(59)).Select(g => g.From).ShouldBe([2L]);
        gaps.Count.ShouldBe(1);
        gaps.GiveUp(T0.AddSeconds(59));
        gaps.Watermark.ShouldBe(5);
    }
}
