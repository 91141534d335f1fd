namespace JwtAuth.Users;

/// <summary>The user as JwtAuth needs to know it.</summary>
/// <param name="Id">The id that goes into <c>user_id</c>.</param>
/// <param name="UserName">The login name.</param>
/// <param name="IsActive">Inactive users cannot obtain or refresh tokens (with <c>CheckUserIsActive</c>).</param>
/// <param name="SecurityStamp">
/// A value that changes whenever the user's credentials change (Identity's security stamp). A login
/// whose password check raced a password change sees it change and opens no session. Null: the
/// user store has none, and only the session epoch guards that race (see docs/revocation.md).
/// </param>
public sealed record JwtAuthUser(string Id, string UserName, bool IsActive, string? SecurityStamp = null);
