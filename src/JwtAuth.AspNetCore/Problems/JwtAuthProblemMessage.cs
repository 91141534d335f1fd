using System.Text.Json.Serialization;

namespace JwtAuth.Problems;

/// <summary>One entry of a problem's <c>messages</c>, as SimpleJWT writes them (API descriptions only).</summary>
internal sealed record JwtAuthProblemMessage(
    [property: JsonPropertyName("token_class")] string TokenClass,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("message")] string Message);
