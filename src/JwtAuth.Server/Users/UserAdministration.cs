using JwtAuth.Audit;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Sessions;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Users;

/// <summary>
/// Creating, disabling and deleting users and changing passwords. Every change that ends sessions
/// happens in one transaction with their ending, or not at all, and says which. Every change of what
/// <c>me</c> shows logs a <c>UserChanged</c> entry in the same transaction, so every node forgets
/// its cached copy (<see cref="MeCache"/>). Every change is recorded in the audit trail in the same
/// transaction, with the acting administrator when an admin made it.
/// </summary>
internal sealed class UserAdministration(UserManager<ServerUser> users, IJwtAuthSessions sessions, ServerDbContext db, MeCache me, TimeProvider time, IAuditTrail audit)
{
    private const int MaxAttempts = 3;

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

    /// <summary>
    /// Enables or disables the user; disabling ends every session in the same transaction. Null
    /// when there is no such user; a failed result when Identity refused the change, and then
    /// nothing changed.
    /// </summary>
    public Task<IdentityResult?> SetActiveAsync(string userName, bool active, CancellationToken cancellationToken = default) =>
        InTransactionAsync(userName, async user =>
        {
            user.IsActive = active;
            var result = await users.UpdateAsync(user).ConfigureAwait(false);
            if (result.Succeeded)
            {
                await sessions.RecordUserChangeAsync(user.Id, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(active ? AuditEventKinds.UserEnabled : AuditEventKinds.UserDisabled, user.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!active)
                {
                    await sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.UserDisabled, cancellationToken).ConfigureAwait(false);
                }
            }

            return result;
        }, cancellationToken);

    /// <summary>Deletes the user and ends every session, in one transaction; null when there is no such user.</summary>
    public Task<IdentityResult?> DeleteAsync(string userName, CancellationToken cancellationToken = default) =>
        InTransactionAsync(userName, async user =>
        {
            var result = await users.DeleteAsync(user).ConfigureAwait(false);
            if (result.Succeeded)
            {
                await sessions.RecordUserChangeAsync(user.Id, cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(AuditEventKinds.UserDeleted, user.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                await sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.UserDeleted, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }, cancellationToken);

    /// <summary>
    /// Changes the password and ends every other session of the user in one transaction: after a
    /// crash either both happened or neither. Null when there is no such user.
    /// </summary>
    public Task<IdentityResult?> ChangePasswordAsync(string userId, string oldPassword, string newPassword, Guid keepSessionId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(userId, async user =>
        {
            var result = await users.ChangePasswordAsync(user, oldPassword, newPassword).ConfigureAwait(false);
            if (result.Succeeded)
            {
                await audit.RecordAsync(AuditEventKinds.PasswordChanged, user.Id, keepSessionId == Guid.Empty ? null : keepSessionId, cancellationToken: cancellationToken).ConfigureAwait(false);
                await sessions.EndOtherSessionsAsync(user.Id, keepSessionId, SessionEndReasons.PasswordChanged, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }, cancellationToken, byId: true);

    /// <summary>
    /// Runs <paramref name="change"/> on the user in one transaction with the sessions it ends, and
    /// runs it again when the database chose it as a deadlock victim. The sessions are ended last, so
    /// a change Identity refuses ends none; the registry of this node learns of ended sessions before
    /// the commit, so a commit that then fails leaves them refused here (fail closed) until retried.
    /// This node's <c>me</c> copy is forgotten once more after the commit: a read between the change's
    /// log entry and its commit may have stored the row as it was.
    /// </summary>
    private async Task<IdentityResult?> InTransactionAsync(string user, Func<ServerUser, Task<IdentityResult>> change, CancellationToken cancellationToken, bool byId = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var found = byId ? await users.FindByIdAsync(user).ConfigureAwait(false) : await users.FindByNameAsync(user).ConfigureAwait(false);
                if (found is null)
                {
                    return null;
                }

                var result = await change(found).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    me.Forget(found.Id);
                }

                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && DatabaseFailure.IsLostRace(ex))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
