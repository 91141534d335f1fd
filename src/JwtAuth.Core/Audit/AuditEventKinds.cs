namespace JwtAuth.Audit;

/// <summary>The kinds of event JwtAuth and its server record in the audit trail.</summary>
public static class AuditEventKinds
{
    /// <summary>A session was opened (password, Telegram or a redeemed SimpleJWT token); the detail is the sign-in method.</summary>
    public const string LoginSucceeded = "login_succeeded";

    /// <summary>A login was refused for an existing account; the detail says why (<c>wrong_password</c>, <c>locked_out</c>).</summary>
    public const string LoginFailed = "login_failed";

    /// <summary>A consumed refresh token was presented again and its session ended.</summary>
    public const string RefreshTokenReused = "refresh_token_reused";

    /// <summary>One or more sessions of the user ended; the detail is the reason (<see cref="Sessions.SessionEndReasons"/>).</summary>
    public const string SessionEnded = "session_ended";

    /// <summary>The user's password was changed.</summary>
    public const string PasswordChanged = "password_changed";

    /// <summary>The user was disabled.</summary>
    public const string UserDisabled = "user_disabled";

    /// <summary>The user was enabled again.</summary>
    public const string UserEnabled = "user_enabled";

    /// <summary>The user was deleted.</summary>
    public const string UserDeleted = "user_deleted";
}
