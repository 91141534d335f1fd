namespace JwtAuth.Sessions;

/// <summary>Why a session ended, as kept on its row and in the logs.</summary>
public static class SessionEndReasons
{
    public const string Logout = "logout";
    public const string LogoutAll = "logout_all";
    public const string LogoutOthers = "logout_others";
    public const string Blacklisted = "blacklisted";
    public const string Deleted = "deleted";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string PasswordChanged = "password_changed";
    public const string UserDisabled = "user_disabled";
    public const string UserDeleted = "user_deleted";
    public const string Administrator = "administrator";
    public const string Revoked = "revoked";
}
