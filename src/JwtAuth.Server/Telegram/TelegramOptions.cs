namespace JwtAuth.Server.Telegram;

/// <summary>
/// Sign-in from Telegram, section <c>JwtAuth:Telegram</c>. The endpoints exist only when at least
/// one bot token is configured.
/// </summary>
internal sealed class TelegramOptions
{
    public const string Section = "JwtAuth:Telegram";

    /// <summary>
    /// The tokens of the bots whose users may sign in, from <c>JwtAuth:Telegram:BotToken</c>: one
    /// token, or an array of them (<c>BotToken:0</c>, <c>BotToken:1</c>…). Secrets: never logged.
    /// </summary>
    public IList<string> BotTokens { get; set; } = [];

    /// <summary>
    /// How old a payload's <c>auth_date</c> may be; an older one is refused, and a used one is
    /// remembered this long to refuse its replay. Default 5 minutes, at most one day.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a first sign-in of a Telegram user no account is linked to creates an account
    /// (user name <c>telegram_&lt;id&gt;</c>, no password). Off: such a sign-in answers 401
    /// <c>telegram_not_linked</c>, and the user links Telegram from a signed-in session.
    /// </summary>
    public bool AllowSignUp { get; set; }

    /// <summary>
    /// How many used payloads this node remembers at once for the replay check. Only payloads that
    /// passed the signature check are remembered, so only real sign-ins fill it; when it is full a
    /// sign-in answers 503 rather than go unchecked.
    /// </summary>
    public int ReplayCacheSize { get; set; } = 100_000;

    /// <summary>Binds the section; <c>BotToken</c> may be one string or an array.</summary>
    public static void Bind(IConfiguration configuration, TelegramOptions options)
    {
        var section = configuration.GetSection(Section);
        section.Bind(options);
        var tokens = section.GetSection("BotToken");
        // An empty value (an unset environment variable) configures no bot.
        options.BotTokens = tokens.Value is { Length: > 0 } single
            ? [single]
            : [.. tokens.GetChildren().Select(child => child.Value ?? "")];
    }
}
