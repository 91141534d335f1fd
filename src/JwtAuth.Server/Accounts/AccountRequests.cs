using System.Text.Json.Serialization;

namespace JwtAuth.Server.Accounts;

// The bodies the account endpoints read by hand (RequestBody), declared so the API description can show them.

/// <summary><c>POST /api/register/</c>.</summary>
internal sealed record RegisterRequest(
    [property: JsonPropertyName("username")] string UserName,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("email")] string? Email);

/// <summary><c>POST /api/password/change/</c>.</summary>
internal sealed record PasswordChangeRequest(
    [property: JsonPropertyName("old_password")] string OldPassword,
    [property: JsonPropertyName("new_password")] string NewPassword);
