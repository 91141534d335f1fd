namespace JwtAuth.Users;

/// <summary>The user as JwtAuth needs to know it.</summary>
/// <param name="Id">The id that goes into <c>user_id</c>.</param>
/// <param name="UserName">The login name.</param>
/// <param name="IsActive">Inactive users cannot obtain or refresh tokens (with <c>CheckUserIsActive</c>).</param>
public sealed record JwtAuthUser(string Id, string UserName, bool IsActive);
