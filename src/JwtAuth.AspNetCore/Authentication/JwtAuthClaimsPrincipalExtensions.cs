using System.Security.Claims;
using JwtAuth.Tokens;

namespace JwtAuth.Authentication;

/// <summary>Reads what JwtAuth put into an authenticated request's principal.</summary>
public static class JwtAuthClaimsPrincipalExtensions
{
    /// <summary>The session id of the bearer token; <see cref="Guid.Empty"/> for a token without one.</summary>
    public static Guid GetSessionId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(JwtAuthClaimNames.SessionId)?.Value is { } sid && JwtAuthIds.TryParse(sid, out var id) ? id : Guid.Empty;
    }

    /// <summary>The user id of the bearer token.</summary>
    public static string GetUserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? throw new InvalidOperationException("The request is not authenticated by JwtAuth.");
    }
}
