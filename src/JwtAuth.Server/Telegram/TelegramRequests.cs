using System.Text.Json.Serialization;

namespace JwtAuth.Server.Telegram;

// The payloads the Telegram endpoints read by hand (TelegramVerifier), declared so the API description can show them.

/// <summary>
/// The Login Widget's data as its callback receives it; every field Telegram sends is signed, so
/// all are passed on unchanged (<c>id</c> and <c>auth_date</c> as numbers or strings).
/// </summary>
internal sealed record TelegramLoginWidgetRequest(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("auth_date")] long AuthDate,
    [property: JsonPropertyName("hash")] string Hash)
{
    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    [JsonPropertyName("username")]
    public string? UserName { get; init; }

    [JsonPropertyName("photo_url")]
    public string? PhotoUrl { get; init; }
}

/// <summary>A Mini App's <c>Telegram.WebApp.initData</c>, exactly as the Mini App received it.</summary>
internal sealed record TelegramMiniAppRequest([property: JsonPropertyName("init_data")] string InitData);
