using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// The configured bots' secret keys, derived once at start-up as Telegram documents them, and the
/// one check of a payload's <c>hash</c> against them. Only keys are kept, never the tokens.
/// </summary>
internal sealed class TelegramBots
{
    private static readonly byte[] WebAppDataKey = "WebAppData"u8.ToArray();

    private readonly Bot[] _bots;

    public TelegramBots(IOptions<TelegramOptions> options)
    {
        _bots = [.. options.Value.BotTokens.Select(token =>
        {
            var secret = Encoding.UTF8.GetBytes(token);
            return new Bot(
                long.Parse(token.AsSpan(0, token.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture),
                SHA256.HashData(secret),
                HMACSHA256.HashData(WebAppDataKey, secret));
        })];
    }

    /// <summary>
    /// The id of the bot whose key signed <paramref name="dataCheckString"/> with <paramref name="hash"/>,
    /// or null. Every bot's key is tried and compared in constant time, so the time taken tells
    /// neither which bot matched nor how much of the hash was right.
    /// </summary>
    public long? FindSigner(TelegramPayloadKind kind, ReadOnlySpan<byte> dataCheckString, ReadOnlySpan<byte> hash)
    {
        long? signer = null;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var bot in _bots)
        {
            HMACSHA256.HashData(kind == TelegramPayloadKind.LoginWidget ? bot.LoginWidgetKey : bot.MiniAppKey, dataCheckString, expected);
            if (CryptographicOperations.FixedTimeEquals(expected, hash))
            {
                signer = bot.Id;
            }
        }

        return signer;
    }

    /// <summary>A bot: its public id (the part of the token before the colon) and its two keys.</summary>
    private sealed record Bot(long Id, byte[] LoginWidgetKey, byte[] MiniAppKey);
}
