using System.Text.Json.Serialization;
using JwtAuth.Server.Data;

namespace JwtAuth.Server.Accounts;

/// <summary>A user as <c>/api/me/</c> and the admin list show it, in Django's field names.</summary>
internal sealed record UserResponse(
    [property: JsonPropertyName("id"), JsonConverter(typeof(UserIdJsonConverter))] string Id,
    [property: JsonPropertyName("username")] string UserName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("is_staff")] bool IsStaff,
    [property: JsonPropertyName("date_joined")] DateTimeOffset DateJoined,
    [property: JsonPropertyName("last_login")] DateTimeOffset? LastLogin,
    [property: JsonPropertyName("active_sessions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ActiveSessions = null)
{
    /// <summary>The user; <paramref name="activeSessions"/> only in the admin list.</summary>
    public static UserResponse From(ServerUser user, int? activeSessions = null) =>
        From(user.Id, user.UserName, user.Email, user.IsActive, user.IsAdmin, user.DateJoinedMs, user.LastLoginMs, activeSessions);

    /// <summary>The user from its stored fields (epoch milliseconds).</summary>
    public static UserResponse From(string id, string? userName, string? email, bool isActive, bool isAdmin, long dateJoinedMs, long? lastLoginMs, int? activeSessions = null) => new(
        id,
        userName ?? "",
        email,
        isActive,
        isAdmin,
        DateTimeOffset.FromUnixTimeMilliseconds(dateJoinedMs),
        lastLoginMs is { } last ? DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
        activeSessions);
}
