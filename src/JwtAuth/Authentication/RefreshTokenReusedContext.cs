using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnRefreshTokenReused"/>.</summary>
public sealed class RefreshTokenReusedContext
{
    internal RefreshTokenReusedContext(HttpContext httpContext, string userId, Guid sessionId, Guid tokenId)
    {
        HttpContext = httpContext;
        UserId = userId;
        SessionId = sessionId;
        TokenId = tokenId;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The user whose session was ended.</summary>
    public string UserId { get; }

    /// <summary>The session that was ended.</summary>
    public Guid SessionId { get; }

    /// <summary>The consumed refresh token that was presented.</summary>
    public Guid TokenId { get; }
}
