using System.Globalization;
using JwtAuth.Server.Data;
using JwtAuth.Server.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// Identity's user manager with its account lockout (<c>Identity:Lockout</c>) on the app's
/// <see cref="TimeProvider"/>, and with failure counting that holds under concurrency.
/// </summary>
/// <remarks>
/// Identity's own lockout reads <see cref="DateTimeOffset.UtcNow"/> (it takes no
/// <see cref="TimeProvider"/>), and its <see cref="UserManager{TUser}.AccessFailedAsync"/> reads the
/// count, adds one and writes the whole row back under the concurrency stamp: of N concurrent wrong
/// guesses one is counted and the others fail with a concurrency error that nobody sees. Here a
/// failure is one conditional <c>UPDATE</c> of the two lockout columns (count + 1, or lock and reset
/// the count when it reaches the limit), so every failure counts and no other column is touched.
/// The semantics are Identity's: <c>MaxFailedAccessAttempts</c> consecutive failures lock the
/// account for <c>DefaultLockoutTimeSpan</c>; a success resets the count; users whose
/// <c>LockoutEnabled</c> is false are never locked. <c>MaxFailedAccessAttempts</c> 0 turns lockout off.
/// </remarks>
internal sealed class ServerUserManager(
    IUserStore<ServerUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ServerUser> passwordHasher,
    IEnumerable<IUserValidator<ServerUser>> userValidators,
    IEnumerable<IPasswordValidator<ServerUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ServerUser>> logger,
    ServerDbContext db,
    NumericUserIds ids,
    TimeProvider time)
    : UserManager<ServerUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    // Each lost race means another node or an import took the number, so this bounds how many can race one.
    private const int MaxIdAttempts = 64;

    /// <summary>
    /// Creates the user under the next numeric id (<see cref="NumericUserIds"/>) unless the caller
    /// gave one: a user still holding Identity's default GUID id gets a number; an explicit id (an
    /// imported Django user's) is kept.
    /// </summary>
    public override async Task<IdentityResult> CreateAsync(ServerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParse(user.Id, out _))
        {
            return await base.CreateAsync(user).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            user.Id = (await ids.NextAsync(db, CancellationToken).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture);
            try
            {
                return await base.CreateAsync(user).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < MaxIdAttempts && NumericUserIds.IsTakenId(exception))
            {
                // A concurrent creation took the number: forget the refused insert and take the next.
                db.Entry(user).State = EntityState.Detached;
            }
        }
    }

    public override async Task<bool> IsLockedOutAsync(ServerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutAppliesAsync(user).ConfigureAwait(false))
        {
            return false;
        }

        return await GetLockoutEndDateAsync(user).ConfigureAwait(false) is { } end && end > time.GetUtcNow();
    }

    /// <summary>
    /// Identity's check, except that a hash it wants in the current format (a Django hash, see
    /// <c>DjangoPasswordHasher</c>, or an older Identity one) is replaced by one conditional
    /// <c>UPDATE</c> of the hash alone: Identity's own rehash also renews the security stamp, which
    /// would fail a concurrent login of the same user (<c>ObtainFlow</c> compares the stamp). The
    /// password did not change, so no session ends and nothing is logged as a change.
    /// </summary>
    public override async Task<bool> CheckPasswordAsync(ServerUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.PasswordHash is not { } stored)
        {
            return false;
        }

        var result = PasswordHasher.VerifyHashedPassword(user, stored, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = PasswordHasher.HashPassword(user, password);
            // Only over the hash that was checked: a password change that committed meanwhile wins.
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == stored)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, rehashed), CancellationToken).ConfigureAwait(false);
            var hash = db.Entry(user).Property(u => u.PasswordHash);
            hash.CurrentValue = rehashed;
            hash.OriginalValue = rehashed;
        }

        return result != PasswordVerificationResult.Failed;
    }

    public override async Task<IdentityResult> AccessFailedAsync(ServerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await RecordFailureAsync(user.Id).ConfigureAwait(false);

        // The loaded copy no longer matches the row: stop tracking it, so no later save in this
        // request writes its old counters back.
        db.Entry(user).State = EntityState.Detached;
        return IdentityResult.Success;
    }

    /// <summary>
    /// Counts one wrong password of the user <paramref name="userId"/>: one statement, no read, so
    /// concurrent failures all count (see <see cref="LoginFailureRecorder"/> for when it runs).
    /// </summary>
    public async Task RecordFailureAsync(string userId)
    {
        var limit = Options.Lockout.MaxFailedAccessAttempts;
        if (!SupportsUserLockout || limit <= 0)
        {
            return;
        }

        DateTimeOffset? lockedUntil = time.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan;
        await db.Users.Where(u => u.Id == userId && u.LockoutEnabled).ExecuteUpdateAsync(
            set => set
                .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= limit ? lockedUntil : u.LockoutEnd)
                .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= limit ? 0 : u.AccessFailedCount + 1),
            CancellationToken).ConfigureAwait(false);
    }

    public override async Task<IdentityResult> ResetAccessFailedCountAsync(ServerUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.AccessFailedCount == 0)
        {
            return IdentityResult.Success;
        }

        await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount > 0)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.AccessFailedCount, 0), CancellationToken).ConfigureAwait(false);
        var count = db.Entry(user).Property(u => u.AccessFailedCount);
        count.CurrentValue = 0;
        count.OriginalValue = 0;
        return IdentityResult.Success;
    }

    private async Task<bool> LockoutAppliesAsync(ServerUser user) =>
        SupportsUserLockout && Options.Lockout.MaxFailedAccessAttempts > 0 && await GetLockoutEnabledAsync(user).ConfigureAwait(false);
}

/// <summary>Refuses lockout settings that cannot work, naming the setting.</summary>
internal sealed class LockoutOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var lockout = options.Lockout;
        if (lockout.MaxFailedAccessAttempts < 0)
        {
            return ValidateOptionsResult.Fail(
                $"Identity:Lockout:MaxFailedAccessAttempts must be 0 (lockout off) or a positive number; it is {lockout.MaxFailedAccessAttempts}.");
        }

        if (lockout.MaxFailedAccessAttempts > 0 && lockout.DefaultLockoutTimeSpan <= TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail(
                $"Identity:Lockout:DefaultLockoutTimeSpan must be positive (hh:mm:ss); it is {lockout.DefaultLockoutTimeSpan}.");
        }

        return ValidateOptionsResult.Success;
    }
}
