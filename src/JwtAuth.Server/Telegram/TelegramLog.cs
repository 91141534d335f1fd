namespace JwtAuth.Server.Telegram;

/// <summary>
/// Telegram sign-in events. They name the bot by its public id and the Telegram user by id; never
/// a bot token, a key or a payload's hash.
/// </summary>
internal static partial class TelegramLog
{
    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Telegram {Kind} data refused: no configured bot signed it")]
    public static partial void BadSignature(ILogger logger, TelegramPayloadKind kind);

    [LoggerMessage(EventId = 421, Level = LogLevel.Information, Message = "Telegram {Kind} data of user {TelegramUserId} from bot {BotId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, TelegramPayloadKind kind, long telegramUserId, long botId, string reason);

    [LoggerMessage(EventId = 422, Level = LogLevel.Warning, Message = "Telegram sign-in refused: the replay cache is full (JwtAuth:Telegram:ReplayCacheSize)")]
    public static partial void ReplayCacheFull(ILogger logger);

    [LoggerMessage(EventId = 423, Level = LogLevel.Information, Message = "Telegram user {TelegramUserId} from bot {BotId} signs in as user {UserId} ({Kind})")]
    public static partial void SigningIn(ILogger logger, long telegramUserId, long botId, string userId, TelegramPayloadKind kind);

    [LoggerMessage(EventId = 424, Level = LogLevel.Information, Message = "Account {UserId} created for Telegram user {TelegramUserId}")]
    public static partial void SignedUp(ILogger logger, string userId, long telegramUserId);
}
