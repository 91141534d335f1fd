using JwtAuth.EntityFrameworkCore;
using JwtAuth.Server.Data;
using JwtAuth.Sessions;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Users;

/// <summary>JwtAuth's users on ASP.NET Core Identity: its user manager and password hasher.</summary>
internal sealed class IdentityJwtAuthUserService(UserManager<ServerUser> users, IPasswordHasher<ServerUser> hasher) : IJwtAuthUserService
{
    // Verifying against a throwaway hash costs the same as a real check, so an unknown user name
    // answers no faster than a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ServerUser>().HashPassword(new ServerUser(), Guid.NewGuid().ToString()));

    public Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            // No user name holds a NUL (PostgreSQL text cannot store one, and would refuse the query).
            var user = userName.Contains('\0', StringComparison.Ordinal) ? null : await users.FindByNameAsync(userName).ConfigureAwait(false);
            if (user is null)
            {
                hasher.VerifyHashedPassword(new ServerUser(), DecoyHash.Value, password);
                return null;
            }

            return await users.CheckPasswordAsync(user, password).ConfigureAwait(false) ? ToJwtAuthUser(user) : null;
        });

    public Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
            return user is null ? null : ToJwtAuthUser(user);
        });

    public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        RunAsync<JwtAuthUser?>(async () =>
        {
            var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
            if (user is not null)
            {
                user.LastLoginMs = at.ToUnixTimeMilliseconds();
                await users.UpdateAsync(user).ConfigureAwait(false);
            }

            return null;
        });

    // Users live in the session database: when it is down, the token endpoints answer 503 as for the store.
    private static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            throw new SessionStoreUnavailableException("The user database is unavailable.", ex);
        }
    }

    private static JwtAuthUser ToJwtAuthUser(ServerUser user) => new(user.Id, user.UserName ?? "", user.IsActive);
}
