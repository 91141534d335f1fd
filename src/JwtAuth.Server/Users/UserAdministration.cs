using JwtAuth.Server.Data;
using JwtAuth.Sessions;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Users;

/// <summary>
/// Creating, disabling and deleting users; disabling or deleting ends every session of the user,
/// so their access tokens stop working from the next request.
/// </summary>
internal sealed class UserAdministration(UserManager<ServerUser> users, IJwtAuthSessions sessions, TimeProvider time)
{
    public async Task<(ServerUser? User, IdentityResult Result)> CreateAsync(string userName, string password, string? email, bool isAdmin)
    {
        var user = new ServerUser
        {
            UserName = userName,
            Email = string.IsNullOrWhiteSpace(email) ? null : email,
            IsAdmin = isAdmin,
            DateJoinedMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var result = await users.CreateAsync(user, password).ConfigureAwait(false);
        return (result.Succeeded ? user : null, result);
    }

    public async Task<bool> SetActiveAsync(string userName, bool active, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            return false;
        }

        user.IsActive = active;
        await users.UpdateAsync(user).ConfigureAwait(false);
        if (!active)
        {
            await sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.UserDisabled, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null)
        {
            return false;
        }

        // Sessions end first: a failure after this leaves a user who cannot use old tokens, never the reverse.
        await sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.UserDeleted, cancellationToken).ConfigureAwait(false);
        await users.DeleteAsync(user).ConfigureAwait(false);
        return true;
    }
}
