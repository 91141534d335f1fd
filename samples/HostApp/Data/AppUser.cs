namespace HostApp.Data;

/// <summary>The app's own user: JwtAuth never sees this table, only what <c>AppUsers</c> tells it.</summary>
internal sealed class AppUser
{
    public int Id { get; set; }

    public required string UserName { get; set; }

    /// <summary>An ASP.NET Core Identity <c>PasswordHasher</c> hash (PBKDF2), never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTimeOffset? LastLoginAt { get; set; }
}
