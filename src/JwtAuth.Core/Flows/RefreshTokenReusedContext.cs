namespace JwtAuth.Flows;

/// <summary>A consumed refresh token was presented again, and its session has been ended.</summary>
public sealed class RefreshTokenReusedContext
{
    internal RefreshTokenReusedContext(string userId, Guid sessionId, Guid tokenId, ClientInfo client)
    {
        UserId = userId;
        SessionId = sessionId;
        TokenId = tokenId;
        Client = client;
    }

    /// <summary>The user whose session was ended.</summary>
    public string UserId { get; }

    /// <summary>The session that was ended.</summary>
    public Guid SessionId { get; }

    /// <summary>The consumed refresh token that was presented.</summary>
    public Guid TokenId { get; }

    /// <summary>Who presented it.</summary>
    public ClientInfo Client { get; }
}
