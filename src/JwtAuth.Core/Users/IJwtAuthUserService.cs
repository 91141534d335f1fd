namespace JwtAuth.Users;

/// <summary>
/// Where JwtAuth finds users. The server implements it on ASP.NET Core Identity; a host can bring
/// its own user database.
/// </summary>
public interface IJwtAuthUserService
{
    /// <summary>
    /// The user with this name and password, or null for an unknown name or a wrong password
    /// (the caller answers both alike). The password is compared exactly as given, never trimmed.
    /// </summary>
    Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>The user with this id, or null.</summary>
    Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records a successful login (only called with <c>UpdateLastLogin</c>).</summary>
    Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken);
}
