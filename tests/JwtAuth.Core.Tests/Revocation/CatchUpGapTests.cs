namespace JwtAuth.Tests.Revocation;

/// <summary>
/// Log ids are handed out before commit, so an id can become visible after higher ones. A node must
/// apply such a late entry whenever it commits within the time the catch-up is documented to wait
/// for it (docs/revocation-catch-up.md): these are the ways it used to be skipped for good.
/// </summary>
public sealed class CatchUpGapTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GapTimeout = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["JwtAuth:Revocation:CatchUpInterval"] = "00:00:02",
        ["JwtAuth:Revocation:GapTimeout"] = "00:01:00",
    };

    [Fact]
    public async Task AGapMillisecondsOld_IsNotSkipped_BecauseAnOlderGapTimedOut()
    {
        await using var node = new CatchUpHarness(Settings);
        node.Store.Commit(1);
        await node.RoundAsync();
        node.Store.Commit(3);
        await node.RoundAsync();

        // Just before the gap at 2 times out, 2 commits and a new gap opens at 4.
        node.Store.Commit(2, 5);
        await node.RoundAfterAsync(GapTimeout - TimeSpan.FromMilliseconds(5));
        node.Applied(2).ShouldBeTrue();

        // The first gap's minute is over, but the gap at 4 is 10 ms old: it must still be waited for.
        await node.RoundAfterAsync(TimeSpan.FromMilliseconds(10));
        node.Store.Commit(4);
        await node.RoundAfterAsync(Interval);

        node.Applied(4).ShouldBeTrue("the entry at 4 committed 10 ms into its gap's wait");
    }

    [Fact]
    public async Task AnEntryCommittedAfterItsGapTimedOut_IsAppliedByTheReReadWindow()
    {
        await using var node = new CatchUpHarness(Settings);
        node.Store.Commit(1);
        await node.RoundAsync();
        node.Store.Commit(3);
        await node.RoundAsync();
        await node.RoundAfterAsync(GapTimeout + Interval);

        // The transaction holding 2 stayed open past the gap timeout, and commits now.
        node.Store.Commit(2);
        var took = await RoundsUntilAppliedAsync(node, 2, GapTimeout + Interval);

        took.ShouldBeLessThanOrEqualTo(GapTimeout + Interval);
    }

    [Fact]
    public async Task AFreshNode_AppliesEntriesThatCommitBelowTheFirstIdItRead()
    {
        await using var node = new CatchUpHarness(Settings);
        node.Store.Commit(5, 6);
        await node.RoundAsync();
        node.Applied(5).ShouldBeTrue();

        // 4 was handed out before 5 and commits after the node's first read.
        node.Store.Commit(4);
        await node.RoundAfterAsync(Interval);
        node.Applied(4).ShouldBeTrue("4 committed one interval after the node's first read");

        // 2 commits only after the gap timeout: the re-read window still finds it.
        await node.RoundAfterAsync(GapTimeout);
        node.Store.Commit(2);
        await RoundsUntilAppliedAsync(node, 2, GapTimeout + Interval);
    }

    [Fact]
    public async Task ARestartedNode_AfterTheLogWasPruned_AppliesALateEntryBelowWhatIsLeft()
    {
        await using var node = new CatchUpHarness(Settings);
        node.Store.Commit(1_000, 1_001, 1_003);
        await node.RoundAsync();

        node.Store.Commit(999, 1_002);
        await node.RoundAfterAsync(Interval);

        node.Applied(999).ShouldBeTrue();
        node.Applied(1_002).ShouldBeTrue();
    }

    [Fact]
    public async Task AGapThatNeverFills_IsReReadUntilTheWindowCloses_ThenForgotten()
    {
        await using var node = new CatchUpHarness(new Dictionary<string, string?>(Settings) { ["JwtAuth:Revocation:ReReadWindow"] = "00:10:00" });
        node.Store.Commit(1);
        await node.RoundAsync();
        node.Store.Commit(3);
        await node.RoundAsync();
        node.Sync.Watermark.ShouldBe(1);

        // Waited for: the gap, then the new entries, every round.
        (await ReadsInOneRoundAsync(node, Interval)).ShouldBe(2);

        // Given up: the watermark passes it, and it is re-read once per gap timeout.
        await node.RoundAfterAsync(GapTimeout);
        node.Sync.Watermark.ShouldBe(3);
        (await ReadsInOneRoundAsync(node, Interval)).ShouldBe(1);
        (await ReadsInOneRoundAsync(node, GapTimeout)).ShouldBe(2);

        // Past the window (ten minutes from when 2 was first missed), one last re-read, then never again.
        await node.RoundAfterAsync(TimeSpan.FromMinutes(10) - GapTimeout - Interval);
        for (var round = 0; round < 40; round++)
        {
            await node.RoundAfterAsync(Interval);
        }

        (await ReadsInOneRoundAsync(node, GapTimeout)).ShouldBe(1);
        node.Store.Commit(2);
        await node.RoundAfterAsync(GapTimeout);
        node.Applied(2).ShouldBeFalse("a transaction open longer than the re-read window is beyond the guarantee");
    }

    [Fact]
    public async Task ManyGaps_AreReReadInAsFewReadsAsTheirIdsSpan()
    {
        await using var node = new CatchUpHarness(Settings);
        // 3,000 ids, every tenth one missing: 300 gaps.
        node.Store.Commit([.. Enumerable.Range(1, 3_000).Where(id => id % 10 != 0).Select(id => (long)id)]);
        await node.RoundAsync();

        // Three reads of at most a thousand ids cover every gap; a fourth finds nothing new.
        (await ReadsInOneRoundAsync(node, Interval)).ShouldBeLessThanOrEqualTo(4);

        node.Store.Commit(10, 2_990);
        await node.RoundAfterAsync(Interval);
        node.Applied(10).ShouldBeTrue();
        node.Applied(2_990).ShouldBeTrue();
    }

    private static async Task<int> ReadsInOneRoundAsync(CatchUpHarness node, TimeSpan wait)
    {
        var before = node.Store.Reads;
        await node.RoundAfterAsync(wait);
        return node.Store.Reads - before;
    }

    /// <summary>Runs a round every catch-up interval until entry <paramref name="id"/> is applied; how long that took on the clock.</summary>
    private static async Task<TimeSpan> RoundsUntilAppliedAsync(CatchUpHarness node, long id, TimeSpan limit)
    {
        var waited = TimeSpan.Zero;
        while (!node.Applied(id))
        {
            waited.ShouldBeLessThanOrEqualTo(limit, $"entry {id} was not applied within {limit} of its commit");
            await node.RoundAfterAsync(Interval);
            waited += Interval;
        }

        return waited;
    }
}
