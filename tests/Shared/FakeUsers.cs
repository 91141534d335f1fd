using JwtAuth.Users;

namespace JwtAuth.Testing;

/// <summary>Users kept in a dictionary; passwords compared as given.</summary>
internal sealed class FakeUsers : IJwtAuthUserService
{
    public static readonly Dictionary<string, (JwtAuthUser User, string Password)> All = new(StringComparer.Ordinal);

    public List<(string UserId, DateTimeOffset At)> Logins { get; } = [];

    public static JwtAuthUser Add(string userName, string password = "secret-password", bool active = true)
    {
        var user = new JwtAuthUser("u-" + userName, userName, active);
        lock (All)
        {
            All[user.Id] = (user, password);
        }

        return user;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CredentialGate> Gates = new(StringComparer.Ordinal);

    /// <summary>The next credential check of this user answers, then waits until the gate is released.</summary>
    public static CredentialGate ParkCredentialCheckOf(string userName) => Gates[userName] = new CredentialGate();

    public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        JwtAuthUser? found;
        lock (All)
        {
            found = All.Values.Where(u => u.User.UserName == userName && u.Password == password).Select(u => u.User).FirstOrDefault();
        }

        if (Gates.TryRemove(userName, out var gate))
        {
            await gate.ParkAsync();
        }

        return found;
    }

    /// <summary>Holds one credential check after it has answered, until released.</summary>
    public sealed class CredentialGate : IDisposable
    {
        private readonly TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Parked => _parked.Task;

        public void Release() => _release.TrySetResult();

        public void Dispose() => Release();

        internal Task ParkAsync()
        {
            _parked.TrySetResult();
            return _release.Task;
        }
    }

    public Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        lock (All)
        {
            return Task.FromResult(All.TryGetValue(userId, out var found) ? found.User : null);
        }
    }

    public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Logins.Add((userId, at));
        return Task.CompletedTask;
    }
}
