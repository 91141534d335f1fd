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

    public Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        lock (All)
        {
            return Task.FromResult(All.Values.Where(u => u.User.UserName == userName && u.Password == password).Select(u => u.User).FirstOrDefault());
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
