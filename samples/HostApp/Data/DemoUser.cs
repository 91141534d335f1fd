using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HostApp.Data;

/// <summary>
/// Creates the user named by <c>DemoUser:UserName</c> and <c>DemoUser:Password</c> when both are
/// set and no user has that name yet. Only appsettings.Development.json sets them.
/// </summary>
internal static partial class DemoUser
{
    public static async Task SeedAsync(AppDb db, IPasswordHasher<AppUser> hasher, IConfiguration configuration, ILogger logger)
    {
        var userName = configuration["DemoUser:UserName"];
        var password = configuration["DemoUser:Password"];
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)
            || await db.Users.AnyAsync(u => u.UserName == userName).ConfigureAwait(false))
        {
            return;
        }

        var user = new AppUser { UserName = userName };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync().ConfigureAwait(false);
        LogCreated(logger, userName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo user {UserName}")]
    private static partial void LogCreated(ILogger logger, string userName);
}
