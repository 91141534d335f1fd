using System.Text.Json.Serialization;

namespace JwtAuth.Endpoints;

/// <summary>SimpleJWT's <c>{"refresh", "access"}</c>.</summary>
internal sealed record TokenPairResponse([property: JsonPropertyName("refresh")] string Refresh, [property: JsonPropertyName("access")] string Access);

/// <summary>A refresh without rotation: <c>{"access"}</c>.</summary>
internal sealed record AccessResponse([property: JsonPropertyName("access")] string Access);

/// <summary>
/// What refresh answers, for API descriptions: <see cref="TokenPairResponse"/> when refresh tokens
/// rotate, <see cref="AccessResponse"/> when they do not.
/// </summary>
internal sealed record RefreshResponse([property: JsonPropertyName("access")] string Access)
{
    [JsonPropertyName("refresh")]
    public string? Refresh { get; init; }
}

/// <summary>Sliding obtain and refresh: <c>{"token"}</c>.</summary>
internal sealed record SlidingResponse([property: JsonPropertyName("token")] string Token);

/// <summary>SimpleJWT's <c>{}</c> for verify and blacklist.</summary>
internal sealed record EmptyResponse;
