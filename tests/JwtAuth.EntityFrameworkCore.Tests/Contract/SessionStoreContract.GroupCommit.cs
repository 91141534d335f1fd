using JwtAuth.Sessions;
using JwtAuth.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.EntityFrameworkCore.Tests.Contract;

/// <summary>
/// Group commit (<see cref="GroupCommitWriter{TContext}"/>): writes that gather while the writer is
/// busy share one transaction, and each still wins, refuses or fails on its own. The writer is
/// parked deterministically: its batch of one waits for a row (SQLite: the write lock) that another
/// transaction of the test holds, the writes under test queue up behind it, and releasing the row
/// lets them run as the next batch.
/// </summary>
public abstract partial class SessionStoreContract
{
    private readonly List<IAsyncDisposable> _writerParts = [];
    private readonly Lock _writerLock = new();
    private GroupCommitWriter<TestSessionDbContext>? _writer;

    /// <summary>The test's one writer, on fresh contexts of the test's database (as a DI scope gives them).</summary>
    private protected GroupCommitWriter<TestSessionDbContext> Writer
    {
        get
        {
            lock (_writerLock)
            {
                return _writer ??= NewWriter(CreateContext);
            }
        }
    }

    [SkippableFact]
    public async Task GroupCommit_HundredConcurrentRefreshesOfOneToken_InOneBatch_ExactlyOneWins()
    {
        const int Racers = 100;
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        var successors = Enumerable.Range(0, Racers).Select(_ => NewToken(session, now)).ToList();

        var parked = await ParkWriterAsync();
        var racing = successors.Select(successor => GroupCommitStore().TryRotateAsync(token.Id, successor, now, default)).ToList();
        await parked.ReleaseAsync(Racers, racing);
        var results = await Task.WhenAll(racing);

        results.Count(won => won).ShouldBe(1);
        var winner = successors[Array.IndexOf(results, true)];
        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Token.SuccessorId.ShouldBe(winner.Id);
        state.Successor.ShouldBe(winner);
        // The 99 refused rotations rolled back alone: only the winner's successor was stored.
        (await CountRowsAsync()).ShouldBe((2 + 1, 2, 0));
    }

    [SkippableFact]
    public async Task GroupCommit_ARefusedWrite_RollsBackAlone_TheOthersInItsBatchCommit()
    {
        var now = T0.AddHours(1);
        var (winning, winningToken) = await LoginAsync("alice", T0);
        var (refused, refusedToken) = await LoginAsync("bob", T0);
        var (ending, _) = await LoginAsync("carol", T0);
        (await NewStore().TryRotateAsync(refusedToken.Id, NewToken(refused, T0.AddMinutes(1)), T0.AddMinutes(1), default)).ShouldBeTrue();
        var winner = NewToken(winning, now);
        var loser = NewToken(refused, now);

        var parked = await ParkWriterAsync();
        var rotation = GroupCommitStore().TryRotateAsync(winningToken.Id, winner, now, default);
        var repeat = GroupCommitStore().TryRotateAsync(refusedToken.Id, loser, now.AddMinutes(10), now, default);
        var end = GroupCommitStore().EndSessionsAsync(End("carol", now) with { SessionId = ending.Id }, default);
        await parked.ReleaseAsync(3, [rotation, repeat, end]);

        (await rotation).ShouldBeTrue();
        (await repeat).ShouldBeFalse();
        (await end).Single().Subject.ShouldBe(JwtAuth.Tokens.JwtAuthIds.Format(ending.Id));
        (await NewStore().FindRefreshTokenAsync(winningToken.Id, default))!.Successor.ShouldBe(winner);
        (await NewStore().FindRefreshTokenAsync(loser.Id, default)).ShouldBeNull();
        // The refused rotation had already raised its session's times before its token refused; they are rolled back.
        var untouched = await NewStore().FindSessionAsync(refused.Id, default);
        untouched!.LastUsedAt.ShouldBe(T0.AddMinutes(1));
        untouched.TokensExpireAt.ShouldBeLessThan(now.AddMinutes(10));
        (await NewStore().FindSessionAsync(ending.Id, default))!.RevokedAt.ShouldBe(now);
    }

    [SkippableFact]
    public async Task GroupCommit_AWriteTheDatabaseRefuses_FailsAlone_TheOthersInItsBatchCommit()
    {
        var (taken, takenToken) = await LoginAsync("alice", T0);
        var fresh = NewSession("bob", T0);
        var freshToken = NewToken(fresh, T0);

        var parked = await ParkWriterAsync();
        var duplicate = GroupCommitStore().CreateSessionAsync(taken, takenToken, expectedEpoch: 0, audit: null, default);
        var login = GroupCommitStore().CreateSessionAsync(fresh, freshToken, expectedEpoch: 0, audit: null, default);
        await parked.ReleaseAsync(2, [duplicate, login]);

        var error = await Should.ThrowAsync<Exception>(() => duplicate);
        error.ShouldNotBeOfType<SessionStoreUnavailableException>();
        (await login).ShouldBeTrue();
        (await NewStore().FindRefreshTokenAsync(freshToken.Id, default))!.Session.ShouldBe(fresh);
    }

    [SkippableFact]
    public async Task GroupCommit_ARotationTheDatabaseRefuses_FailsAlone_WritingNothing_TheOthersInItsBatchCommit()
    {
        // A successor id that exists already breaks the primary key: the database refuses the
        // rotation's insert (on PostgreSQL inside its one statement, which runs without a savepoint
        // until a failure makes the batch run again with one around every write).
        var now = T0.AddHours(1);
        var (broken, brokenToken) = await LoginAsync("alice", T0);
        var (fine, fineToken) = await LoginAsync("bob", T0);
        var clash = NewToken(broken, now) with { Id = fineToken.Id };
        var successor = NewToken(fine, now);

        var parked = await ParkWriterAsync();
        var refused = GroupCommitStore().TryRotateAsync(brokenToken.Id, clash, now, default);
        var rotation = GroupCommitStore().TryRotateAsync(fineToken.Id, successor, now, default);
        var touch = GroupCommitStore().TouchSessionAsync(broken.Id, now, default);
        await parked.ReleaseAsync(3, [refused, rotation, touch]);

        var error = await Should.ThrowAsync<Exception>(() => refused);
        error.ShouldNotBeOfType<SessionStoreUnavailableException>();
        (await rotation).ShouldBeTrue();
        await touch;
        var brokenState = await NewStore().FindRefreshTokenAsync(brokenToken.Id, default);
        brokenState!.Token.ConsumedAt.ShouldBeNull();
        brokenState.Session.LastUsedAt.ShouldBe(now);
        (await NewStore().FindRefreshTokenAsync(fineToken.Id, default))!.Successor.ShouldBe(successor);
    }

    [SkippableFact]
    public async Task GroupCommit_AWriteWhoseRequestWentAwayBeforeItsBatch_IsNotWritten()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        using var cancellation = new CancellationTokenSource();

        var parked = await ParkWriterAsync();
        var abandoned = GroupCommitStore().TryRotateAsync(token.Id, NewToken(session, now), now, cancellation.Token);
        await cancellation.CancelAsync();
        await parked.ReleaseAsync(1, [abandoned], batches: 0);

        await Should.ThrowAsync<OperationCanceledException>(() => abandoned);
        (await NewStore().FindRefreshTokenAsync(token.Id, default))!.Token.ConsumedAt.ShouldBeNull();
    }

    [SkippableFact]
    public async Task GroupCommit_AnUnreachableDatabase_IsReportedAsSessionStoreUnavailable()
    {
        var writer = NewWriter(CreateUnreachableContext);
        var store = new EntityFrameworkSessionStore<TestSessionDbContext>(NewContext(), writer: writer);

        await Should.ThrowAsync<SessionStoreUnavailableException>(() => store.CreateSessionAsync(NewSession("alice", T0), null, expectedEpoch: 0, audit: null, default));
        await Should.ThrowAsync<SessionStoreUnavailableException>(() => store.EndSessionsAsync(End("alice", T0) with { CutOffUser = true }, default));
    }

    /// <summary>A store whose writes go through the test's writer, whatever <see cref="GroupCommit"/> says.</summary>
    private protected ISessionStore GroupCommitStore() => new EntityFrameworkSessionStore<TestSessionDbContext>(NewContext(), writer: Writer, rotation: Rotation);

    private GroupCommitWriter<TestSessionDbContext> NewWriter(Func<TestSessionDbContext> contexts)
    {
        var services = new ServiceCollection().AddScoped(_ => contexts()).BuildServiceProvider();
        var writer = new GroupCommitWriter<TestSessionDbContext>(services.GetRequiredService<IServiceScopeFactory>());
        lock (_writerLock)
        {
            // Disposed in reverse: the writer finishes its batches before its contexts go.
            _writerParts.Add(services);
            _writerParts.Add(writer);
        }

        return writer;
    }

    private async Task DisposeWritersAsync()
    {
        for (var i = _writerParts.Count - 1; i >= 0; i--)
        {
            await _writerParts[i].DisposeAsync();
        }
    }

    /// <summary>
    /// Parks the writer: another transaction holds a session row (on SQLite, the write lock), and
    /// the writer takes a touch of that session as a batch of one and waits for it.
    /// </summary>
    private async Task<ParkedWriter> ParkWriterAsync()
    {
        var (held, _) = await LoginAsync("parking", T0);
        var holder = NewContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Set<SessionEntity>().Where(s => s.Id == held.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastUsedAtMs, s => s.LastUsedAtMs));
        var writer = Writer;
        var touch = GroupCommitStore().TouchSessionAsync(held.Id, T0, T0, default);
        await WaitUntilAsync(() => writer.Waiting == 0, "the writer to take the parking write");
        return new ParkedWriter(writer, transaction, touch, writer.Batches);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(5);
        }
    }

    private sealed class ParkedWriter(GroupCommitWriter<TestSessionDbContext> writer, IDbContextTransaction holder, Task parkingWrite, long batchesWhenParked)
    {
        /// <summary>
        /// Waits until the <paramref name="writes"/> queue behind the parked batch, releases it, waits
        /// for them to end (each as it may: won, refused, failed), and checks that they ran as
        /// <paramref name="batches"/> batch (none when all were cancelled).
        /// </summary>
        public async Task ReleaseAsync(int queued, IEnumerable<Task> writes, int batches = 1)
        {
            await WaitUntilAsync(() => writer.Waiting == queued, $"{queued} writes to queue behind the parked batch");
            writer.Batches.ShouldBe(batchesWhenParked);
            await holder.CommitAsync();
            await holder.DisposeAsync();
            await parkingWrite;
            await Task.WhenAny(Task.WhenAll(writes));
            writer.Batches.ShouldBe(batchesWhenParked + batches, "the queued writes shared one batch");
        }
    }
}
