using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Users;

/// <summary>JwtAuth's users on ASP.NET Core Identity: its user manager and password hasher.</summary>
internal sealed class IdentityJwtAuthUserService(UserManager<ServerUser> users, IPasswordHasher<ServerUser> hasher) : IJwtAuthUserService
{
    // Verifying against a throwaway hash costs the same as a real check, so an unknown user name
    // answers no faster than a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ServerUser>().HashPassword(new ServerUser(), Guid.NewGuid().ToString()));

    public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // No stored user name holds a NUL (PostgreSQL text cannot store one, and would refuse the
        // query) or is longer than its column.
        var user = userName.Contains('\0', StringComparison.Ordinal) || UserFieldLimits.IsTooLong(userName)
            ? null
            : await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new ServerUser(), DecoyHash.Value, password);
            return null;
        }

        return await users.CheckPasswordAsync(user, password).ConfigureAwait(false) ? ToJwtAuthUser(user) : null;
    }

    public async Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        return user is null ? null : ToJwtAuthUser(user);
    }

    public async Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is not null)
        {
            user.LastLoginMs = at.ToUnixTimeMilliseconds();
            await users.UpdateAsync(user).ConfigureAwait(false);
        }
    }

    private static JwtAuthUser ToJwtAuthUser(ServerUser user) => new(user.Id, user.UserName ?? "", user.IsActive);
}
