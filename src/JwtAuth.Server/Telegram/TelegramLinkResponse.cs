using System.Text.Json.Serialization;

namespace JwtAuth.Server.Telegram;

/// <summary>The Telegram user linked to the caller's account.</summary>
internal sealed record TelegramLinkResponse([property: JsonPropertyName("telegram_id")] long TelegramId);
