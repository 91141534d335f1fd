using System.Globalization;
using HostApp.Data;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HostApp.Users;

/// <summary>JwtAuth's view of the app's own user table.</summary>
internal sealed class AppUsers(AppDb db, IPasswordHasher<AppUser> hasher) : IJwtAuthUserService
{
    // Checking an unknown name against a throwaway hash costs as much as a wrong password,
    // so response times do not tell which user names exist.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser { UserName = "" }, Guid.NewGuid().ToString()));

    public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser { UserName = userName }, DecoyHash.Value, password);
            return null;
        }

        switch (hasher.VerifyHashedPassword(user, user.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return ToJwtAuthUser(user);
            case PasswordVerificationResult.SuccessRehashNeeded:
                user.PasswordHash = hasher.HashPassword(user, password);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return ToJwtAuthUser(user);
            default:
                return null;
        }
    }

    public async Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is null ? null : ToJwtAuthUser(user);
    }

    public async Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            user.LastLoginAt = at;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AppUser?> FindAsync(string userId, CancellationToken cancellationToken) =>
        int.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Users.FindAsync([id], cancellationToken).ConfigureAwait(false)
            : null;

    // The token's user_id is the app's own primary key, as text.
    private static JwtAuthUser ToJwtAuthUser(AppUser user) =>
        new(user.Id.ToString(CultureInfo.InvariantCulture), user.UserName, user.IsActive);
}
