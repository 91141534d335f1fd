using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// Group commit of the session store's writes on this node. Rotations, session ends, logins and
/// touches wait in one queue; one writer runs whatever has gathered as one transaction with one
/// commit, so that concurrent requests share a disk flush instead of queuing for the write lock one
/// flush each. A write is acknowledged only after the commit that holds it has returned, so what was
/// answered survives a power cut as before.
/// </summary>
/// <remarks>
/// <para>
/// The writes of a batch run one after another on one connection, so the conditional UPDATE whose
/// row count picks the single winner of a rotation sees the writes before it in the batch exactly as
/// it sees committed ones; across nodes the database's row locks decide as before.
/// </para>
/// <para>
/// Each write of a batch of several runs under a savepoint: one that refuses (a lost rotation, a
/// login that raced an end-all) or fails on its own statement rolls back alone, and the others
/// commit. A write of one statement that writes all or nothing (an atomic write: PostgreSQL's
/// rotation, a touch) refuses without having written, so it runs bare, saving two round trips; if
/// one fails, the batch is rolled back and runs again with a savepoint around every write. A failure
/// of the connection, or the database picking the batch as a deadlock victim, fails or reruns the
/// whole batch: nothing of it was committed.
/// </para>
/// <para>
/// A batch is what gathered while the previous one was committing; nothing waits on a timer, so a
/// lone write is not delayed.
/// </para>
/// </remarks>
internal sealed class GroupCommitWriter<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private const int MaxBatch = 128;
    private const int MaxAttempts = 3;
    private const string Savepoint = "jwtauth_write";

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly IServiceScopeFactory _scopes;
    private readonly Task _writer;
    private long _batches;

    public GroupCommitWriter(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _writer = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Writes waiting for the writer: for tests that park it behind a lock.</summary>
    internal int Waiting => _queue.Reader.Count;

    /// <summary>Batches begun since start: for tests that check which writes shared one.</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// Runs <paramref name="work"/> in the next batch and returns its result once that batch has
    /// committed; <paramref name="commit"/> says whether the result keeps what the work wrote, and
    /// <paramref name="atomic"/> that the work is one statement that writes all or nothing.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<TContext, Task<T>> work, Func<T, bool> commit, bool atomic, CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, commit, atomic, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(write), this);
        return write.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                // A request that went away before its batch began is not written at all.
                if (!write.TryCancel())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                Interlocked.Increment(ref _batches);
                await RunBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task RunBatchAsync(List<PendingWrite> batch)
    {
        var savepointEveryWrite = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                // The batch sets its own savepoints; EF's, around every SaveChanges, would double them.
                context.Database.AutoSavepointsEnabled = false;
                await using var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
                var kept = batch.Count == 1
                    ? await RunAloneAsync(batch[0], context).ConfigureAwait(false)
                    : await RunUnderSavepointsAsync(batch, context, transaction, savepointEveryWrite).ConfigureAwait(false);
                if (kept)
                {
                    await transaction.CommitAsync().ConfigureAwait(false);
                }

                foreach (var write in batch)
                {
                    write.Complete();
                }

                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && DatabaseFailure.IsLostRace(ex))
            {
                // Deadlock victim: nothing committed; the whole batch runs again.
            }
            catch (BareWriteFailedException) when (!savepointEveryWrite)
            {
                // Nothing committed; this time each write can fail alone.
                savepointEveryWrite = true;
                attempt--;
            }
            catch (Exception ex)
            {
                foreach (var write in batch)
                {
                    write.Fail(ex);
                }

                return;
            }
        }
    }

    /// <summary>A lone write needs no savepoint: refused or failed, the transaction rolls back.</summary>
    private static async Task<bool> RunAloneAsync(PendingWrite write, TContext context)
    {
        try
        {
            return await write.RunAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOwnFailure(ex))
        {
            write.Failed(ex);
            return false;
        }
    }

    private static async Task<bool> RunUnderSavepointsAsync(List<PendingWrite> batch, TContext context, IDbContextTransaction transaction, bool savepointEveryWrite)
    {
        foreach (var write in batch)
        {
            if (write.Atomic && !savepointEveryWrite)
            {
                try
                {
                    await write.RunAsync(context).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsOwnFailure(ex))
                {
                    // On PostgreSQL the failed statement has spoilt the transaction for the others.
                    throw new BareWriteFailedException(ex);
                }

                continue;
            }

            await transaction.CreateSavepointAsync(Savepoint).ConfigureAwait(false);
            try
            {
                if (!await write.RunAsync(context).ConfigureAwait(false))
                {
                    await transaction.RollbackToSavepointAsync(Savepoint).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (IsOwnFailure(ex))
            {
                await transaction.RollbackToSavepointAsync(Savepoint).ConfigureAwait(false);
                write.Failed(ex);
            }
            finally
            {
                context.ChangeTracker.Clear();
            }

            await transaction.ReleaseSavepointAsync(Savepoint).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>A statement the database refused, or a bug in the write: that write's failure, not the batch's.</summary>
    private static bool IsOwnFailure(Exception ex) => !DatabaseFailure.IsLostRace(ex) && !DatabaseFailure.IsUnavailable(ex);

    private sealed class BareWriteFailedException(Exception inner) : Exception("A write without a savepoint failed.", inner);

    private abstract class PendingWrite(bool atomic)
    {
        /// <summary>One statement that writes all or nothing: it needs no savepoint to refuse.</summary>
        public bool Atomic { get; } = atomic;

        /// <summary>Runs the write; false when its result says to roll back what it wrote.</summary>
        public abstract Task<bool> RunAsync(TContext context);

        /// <summary>The write failed on its own; reported once the batch has committed.</summary>
        public abstract void Failed(Exception ex);

        /// <summary>Cancels the write if its request has gone; true when it was cancelled.</summary>
        public abstract bool TryCancel();

        /// <summary>Reports the result (or the write's own failure) after the commit.</summary>
        public abstract void Complete();

        /// <summary>The batch failed: nothing of this write was committed.</summary>
        public abstract void Fail(Exception ex);
    }

    private sealed class PendingWrite<T>(Func<TContext, Task<T>> work, Func<T, bool> commit, bool atomic, CancellationToken cancellationToken)
        : PendingWrite(atomic)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Completion => _completion.Task;

        public override async Task<bool> RunAsync(TContext context)
        {
            _failure = null;
            _result = await work(context).ConfigureAwait(false);
            return commit(_result);
        }

        public override void Failed(Exception ex) => _failure = ex;

        public override bool TryCancel() => cancellationToken.IsCancellationRequested && _completion.TrySetCanceled(cancellationToken);

        public override void Complete()
        {
            if (_failure is not null)
            {
                _completion.TrySetException(_failure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception ex) => _completion.TrySetException(ex);
    }
}
