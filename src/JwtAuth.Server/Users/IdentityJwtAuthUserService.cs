using JwtAuth.Audit;
using JwtAuth.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using JwtAuth.Server.Data;
using JwtAuth.Sessions;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Users;

/// <summary>JwtAuth's users on ASP.NET Core Identity: its user manager and password hasher.</summary>
internal sealed class IdentityJwtAuthUserService(
    UserManager<ServerUser> users,
    IPasswordHasher<ServerUser> hasher,
    LoginFailureRecorder failures,
    ServerDbContext db,
    IJwtAuthSessions sessions,
    MeCache me,
    IAuditTrail audit)
    : IJwtAuthUserService
{
    // Verifying against a throwaway hash costs the same as a real check, so an unknown user name
    // answers no faster than a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ServerUser>().HashPassword(new ServerUser(), Guid.NewGuid().ToString()));

    /// <summary>
    /// The user whose password this is, or null. A locked-out account (Identity's lockout, see
    /// <c>ServerUserManager</c>) is null like a wrong password, by the path of an unknown user name
    /// (one hash against the decoy, no write before the answer), so the answer does not tell that the account is
    /// locked; its password is not checked while it is locked. A wrong password counts towards the
    /// lockout, written beside the answer (<see cref="LoginFailureRecorder"/>) so that it takes no
    /// longer than the other refusals; a right one resets the count. Both refusals of an existing
    /// account are audited, also after the answer; an unknown user name is not, since people type
    /// passwords into the user name field.
    /// </summary>
    public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        // No stored user name holds a NUL (PostgreSQL text cannot store one, and would refuse the
        // query) or is longer than its column.
        var user = userName.Contains('\0', StringComparison.Ordinal) || UserFieldLimits.IsTooLong(userName)
            ? null
            : await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null || await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            hasher.VerifyHashedPassword(new ServerUser(), DecoyHash.Value, password);
            if (user is not null)
            {
                failures.Record(user.Id, audit.Describe(AuditEventKinds.LoginFailed, user.Id, detail: LoginFailureReasons.LockedOut), countsTowardsLockout: false);
            }

            return null;
        }

        if (!await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            failures.Record(user.Id, audit.Describe(AuditEventKinds.LoginFailed, user.Id, detail: LoginFailureReasons.WrongPassword));
            return null;
        }

        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return ToJwtAuthUser(user);
    }

    public async Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        // From the database, never the user the credential check left tracked in this scope: a login
        // re-reads the security stamp to see a password change that raced it.
        var user = await users.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : ToJwtAuthUser(user);
    }

    /// <summary>
    /// Sets <c>last_login</c> and logs a <c>UserChanged</c> entry in one transaction, so every
    /// node's <c>me</c> shows the new value; forgets this node's copy again after the commit. An
    /// update Identity refuses (a concurrent login of the user changed the row first) records nothing.
    /// </summary>
    public async Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return;
        }

        user.LastLoginMs = at.ToUnixTimeMilliseconds();
        if (!(await users.UpdateAsync(user).ConfigureAwait(false)).Succeeded)
        {
            return;
        }

        await sessions.RecordUserChangeAsync(userId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        me.Forget(userId);
    }

    private static JwtAuthUser ToJwtAuthUser(ServerUser user) => new(user.Id, user.UserName ?? "", user.IsActive, user.SecurityStamp);
}
