using System.Text.Json.Serialization;

namespace JwtAuth.Endpoints;

/// <summary>
/// DRF's answer to <c>OPTIONS</c> (its <c>SimpleMetadata</c>): the view's name and the media types
/// it renders and parses.
/// </summary>
internal sealed record ViewOptionsResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("renders")] string[] Renders,
    [property: JsonPropertyName("parses")] string[] Parses)
{
    public static readonly string[] Rendered = ["application/json"];

    /// <summary>What <see cref="RequestBody"/> reads: DRF's default parsers.</summary>
    public static readonly string[] Parsed = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];
}
