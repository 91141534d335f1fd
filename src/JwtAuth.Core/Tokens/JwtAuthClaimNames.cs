namespace JwtAuth.Tokens;

/// <summary>Claim names JwtAuth adds to SimpleJWT's.</summary>
public static class JwtAuthClaimNames
{
    /// <summary>A sliding token's refresh deadline, epoch seconds.</summary>
    public const string RefreshExp = "refresh_exp";

    /// <summary>The session id: one login is one session and one refresh-token family.</summary>
    public const string SessionId = "sid";
}
