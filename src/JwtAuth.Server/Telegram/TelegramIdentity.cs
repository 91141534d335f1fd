namespace JwtAuth.Server.Telegram;

/// <summary>A Telegram user as a verified, fresh, unused payload vouches for them, and which bot signed it.</summary>
internal sealed record TelegramIdentity(long TelegramUserId, long BotId, TelegramPayloadKind Kind)
{
    /// <summary>Identity's external login provider; the key is the Telegram user id, the same from every bot.</summary>
    public const string LoginProvider = "Telegram";

    public string ProviderKey => TelegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The session's sign-in method (<c>sign_in_method</c> in the session lists).</summary>
    public string SignInMethod => Kind == TelegramPayloadKind.LoginWidget ? TelegramSignInMethods.LoginWidget : TelegramSignInMethods.MiniApp;
}
