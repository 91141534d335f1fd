using System.Text.Json.Serialization;

namespace JwtAuth.Endpoints;

// The bodies the endpoints read by hand (RequestBody), declared so API descriptions can show them.

/// <summary>Obtain (pair or sliding): <c>{"username", "password"}</c>.</summary>
internal sealed record ObtainRequest([property: JsonPropertyName("username")] string UserName, [property: JsonPropertyName("password")] string Password);

/// <summary>Refresh, blacklist and logout: <c>{"refresh"}</c>.</summary>
internal sealed record RefreshRequest([property: JsonPropertyName("refresh")] string Refresh);

/// <summary>Verify and sliding refresh: <c>{"token"}</c>.</summary>
internal sealed record TokenFieldRequest([property: JsonPropertyName("token")] string Token);

/// <summary>
/// Introspection (RFC 7662) and revocation (RFC 7009): the form's <c>token</c>; a
/// <c>token_type_hint</c> may be sent and is ignored, since every token says its type.
/// </summary>
internal sealed record ServiceTokenRequest(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint);
