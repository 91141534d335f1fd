using System.Text.Json.Serialization;

namespace JwtAuth.Problems;

/// <summary>
/// The shape of every JwtAuth error body, for API descriptions only: the answers themselves are
/// <see cref="Microsoft.AspNetCore.Mvc.ProblemDetails"/> written by <see cref="JwtAuthProblems"/>,
/// whose extension members (<c>code</c>, <c>errors</c>, <c>messages</c>) a generator cannot see.
/// </summary>
internal sealed record JwtAuthProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status"), JsonNumberHandling(JsonNumberHandling.Strict)] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("code")] string Code)
{
    /// <summary>Field errors of a 400 <c>invalid</c>: each field's messages, as DRF's serializer errors.</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Why each accepted token class refused the bearer token (a 401 of a protected endpoint).</summary>
    [JsonPropertyName("messages")]
    public IReadOnlyList<JwtAuthProblemMessage>? Messages { get; init; }

    /// <summary>The request's trace id, to find it in the server's logs and traces.</summary>
    [JsonPropertyName("traceId")]
    public string? TraceId { get; init; }
}
