using System.Text.Json.Serialization;
using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Endpoints;

/// <summary>One entry of <c>GET /api/sessions/</c>.</summary>
internal sealed record SessionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTimeOffset LastUsedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("ip_address")] string? IpAddress,
    [property: JsonPropertyName("sign_in_method")] string? SignInMethod,
    [property: JsonPropertyName("current")] bool Current)
{
    public static SessionResponse From(SessionRecord session, Guid currentSessionId) => new(
        JwtAuthIds.Format(session.Id),
        session.CreatedAt,
        session.LastUsedAt,
        session.EndsAt,
        session.UserAgent,
        session.IpAddress,
        session.SignInMethod,
        session.Id == currentSessionId);
}
