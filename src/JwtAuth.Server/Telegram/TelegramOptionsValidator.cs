using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>Refuses Telegram settings that cannot work at start-up, naming the setting but never a token's secret.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    private static readonly TimeSpan MaxMaxAge = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.BotTokens.Count; i++)
        {
            if (!BotToken().IsMatch(options.BotTokens[i]))
            {
                failures.Add($"{TelegramOptions.Section}:BotToken entry {i} is not a bot token (the bot's id, a colon, then its secret, as @BotFather gives it).");
            }
        }

        if (options.BotTokens.Distinct(StringComparer.Ordinal).Count() != options.BotTokens.Count)
        {
            failures.Add($"{TelegramOptions.Section}:BotToken lists the same bot token twice.");
        }

        if (options.MaxAge <= TimeSpan.Zero || options.MaxAge > MaxMaxAge)
        {
            failures.Add($"{TelegramOptions.Section}:MaxAge must be positive and at most one day; it is {options.MaxAge}.");
        }

        if (options.ReplayCacheSize <= 0)
        {
            failures.Add($"{TelegramOptions.Section}:ReplayCacheSize must be a positive number; it is {options.ReplayCacheSize}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$")]
    private static partial Regex BotToken();
}
