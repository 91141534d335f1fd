using System.Collections.Concurrent;
using JwtAuth.Audit;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// Counts a wrong password against the account's lockout beside the answer, not before it. The
/// count is a database write that an unknown user name and a locked account (which count nothing)
/// do not make: done before answering, it would make "this account exists and is not locked"
/// about a millisecond slower to refuse than "no such account" (measured on SQLite; a PostgreSQL
/// commit costs more), a timing oracle the decoy hash exists to prevent. Done here, every refused
/// login answers after the same work: one lookup and one hash. The refusal's audit event is written
/// then too, for the same reason; it is stamped when the refusal happened.
/// </summary>
/// <remarks>
/// The write starts once the response has been sent (started earlier, in the background, it still
/// slowed this response by as much, on two cores), on its own scope; a guess that arrives before it
/// has committed is checked against the count before it, as concurrent guesses always are.
/// Pending writes are awaited when the server stops; <see cref="WhenIdleAsync"/> lets tests wait
/// for them.
/// </remarks>
internal sealed partial class LoginFailureRecorder(IServiceScopeFactory scopes, IHttpContextAccessor requests, ILogger<LoginFailureRecorder> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<Task, bool> _pending = new();

    /// <summary>
    /// Records a refusal of the user's password: <paramref name="audit"/> is stored, and the
    /// refusal counts towards the lockout unless <paramref name="countsTowardsLockout"/> is false
    /// (the account is locked already).
    /// </summary>
    public void Record(string userId, AuditEvent audit, bool countsTowardsLockout = true)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.TryAdd(written.Task, true);
        written.Task.ContinueWith(done => _pending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (requests.HttpContext is { } request)
        {
            request.Response.OnCompleted(() =>
            {
                Start(userId, audit, countsTowardsLockout, written);
                return Task.CompletedTask;
            });
        }
        else
        {
            Start(userId, audit, countsTowardsLockout, written);
        }
    }

    /// <summary>Completes when every failure recorded so far has been written.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_pending.Keys);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => WhenIdleAsync().WaitAsync(cancellationToken);

    /// <summary>Writes in the background: the completion callback must not hold the connection's next request.</summary>
    private void Start(string userId, AuditEvent audit, bool countsTowardsLockout, TaskCompletionSource written) => _ = Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditEventStore>().AppendAsync(audit, CancellationToken.None).ConfigureAwait(false);
            if (countsTowardsLockout)
            {
                await scope.ServiceProvider.GetRequiredService<ServerUserManager>().RecordFailureAsync(userId).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // A failure that could not be written (the database went away): the guess was refused
            // all the same; the lockout is late by one, and the log line stands in for the audit event.
            LogNotCounted(exception, userId);
        }
        finally
        {
            written.SetResult();
        }
    });

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "A refused password of user {UserId} could not be audited or counted towards the lockout")]
    private partial void LogNotCounted(Exception exception, string userId);
}
