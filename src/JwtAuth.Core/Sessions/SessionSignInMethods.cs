namespace JwtAuth.Sessions;

/// <summary>
/// How a session started, as kept on its row and shown in the session lists. A refresh keeps the
/// session, so it keeps its method. Hosts that sign users in another way name their own method.
/// </summary>
public static class SessionSignInMethods
{
    /// <summary>User name and password (<c>/api/token/</c>, <c>/api/token/sliding/</c>).</summary>
    public const string Password = "password";

    /// <summary>A SimpleJWT refresh token brought over by <c>importdjango</c>, redeemed once for this session.</summary>
    public const string SimpleJwtRefreshToken = "simplejwt_refresh_token";
}
