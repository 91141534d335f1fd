namespace JwtAuth.Server.Telegram;

/// <summary>The sign-in methods of sessions started from Telegram, beside the library's <c>password</c>.</summary>
internal static class TelegramSignInMethods
{
    public const string LoginWidget = "telegram_widget";
    public const string MiniApp = "telegram_mini_app";
}
