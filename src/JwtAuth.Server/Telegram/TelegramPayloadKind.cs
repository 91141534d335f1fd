namespace JwtAuth.Server.Telegram;

/// <summary>The two ways Telegram vouches for a user; each has its own key derivation and sign-in method.</summary>
internal enum TelegramPayloadKind
{
    /// <summary>The Telegram Login Widget on a website: key SHA-256(bot token).</summary>
    LoginWidget,

    /// <summary>A Mini App's <c>initData</c> inside the bot: key HMAC-SHA-256("WebAppData", bot token).</summary>
    MiniApp,
}
