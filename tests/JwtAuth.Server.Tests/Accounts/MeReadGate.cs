using System.Data.Common;
using JwtAuth.Server.Accounts;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>Parks one <c>me</c> database read, once armed, after the row has been read, until the test releases it.</summary>
internal sealed class MeReadGate : DbCommandInterceptor
{
    private readonly TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    public Task Parked => _parked.Task;

    public void Arm() => Interlocked.Exchange(ref _armed, 1);

    public void Release() => _release.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.StartsWith($"-- {MeQuery.Tag}", StringComparison.Ordinal) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _parked.TrySetResult();
            await _release.Task;
        }

        return result;
    }
}
