namespace JwtAuth.Server.Accounts;

/// <summary>Why a password was refused, as the detail of a <c>login_failed</c> audit event.</summary>
internal static class LoginFailureReasons
{
    public const string WrongPassword = "wrong_password";
    public const string LockedOut = "locked_out";

    /// <summary>A wrong old password at a password change.</summary>
    public const string WrongOldPassword = "wrong_old_password";
}
