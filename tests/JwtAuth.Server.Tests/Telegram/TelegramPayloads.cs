using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>
/// Signs Login Widget data and Mini App initData as Telegram does (core.telegram.org/widgets/login,
/// core.telegram.org/bots/webapps), written here apart from the server's code so that a mistake in
/// one does not hide in the other. No network.
/// </summary>
public static class TelegramPayloads
{
    public const string BotToken = "1000001:AAHtestTokenForTheFirstBot_0123456789";
    public const string SecondBotToken = "1000002:AAHtestTokenForTheSecondBot-987654321";
    public const string UnconfiguredBotToken = "1000003:AAHtestTokenOfABotNobodyConfigured00";

    public static Dictionary<string, string?> Settings(bool allowSignUp = false) => new()
    {
        ["JwtAuth:Telegram:BotToken:0"] = BotToken,
        ["JwtAuth:Telegram:BotToken:1"] = SecondBotToken,
        ["JwtAuth:Telegram:AllowSignUp"] = allowSignUp ? "true" : "false",
    };

    /// <summary>The object the widget's callback receives: id and auth_date are numbers.</summary>
    public static Dictionary<string, object> Widget(long telegramId, DateTimeOffset authDate, string botToken = BotToken, string firstName = "Ada")
    {
        var fields = WidgetFields(telegramId, authDate, firstName);
        var hash = Sign(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), fields);
        return new Dictionary<string, object>
        {
            ["id"] = telegramId,
            ["first_name"] = firstName,
            ["username"] = "ada_lovelace",
            ["auth_date"] = authDate.ToUnixTimeSeconds(),
            ["hash"] = hash,
        };
    }

    /// <summary>A Mini App's initData, percent-encoded as Telegram.WebApp.initData is.</summary>
    public static string InitData(long telegramId, DateTimeOffset authDate, string botToken = BotToken, string queryId = "AAHdF6IQAAAAAN0XohDhrOrc")
    {
        var user = JsonSerializer.Serialize(new { id = telegramId, first_name = "Ada", last_name = "Lovelace", username = "ada_lovelace", language_code = "en" });
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["query_id"] = queryId,
            ["user"] = user,
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var hash = Sign(MiniAppKey(botToken), fields);
        return string.Join('&', fields.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value))) + "&hash=" + hash;
    }

    /// <summary>initData made of exactly these raw (already encoded) pairs, signed over their decoded values.</summary>
    public static string SignedInitData(IReadOnlyList<(string Key, string Value)> decoded, string botToken = BotToken)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in decoded)
        {
            fields[key] = value;
        }

        var hash = Sign(MiniAppKey(botToken), fields);
        return string.Join('&', decoded.Select(field => field.Key + "=" + Uri.EscapeDataString(field.Value))) + "&hash=" + hash;
    }

    public static SortedDictionary<string, string> WidgetFields(long telegramId, DateTimeOffset authDate, string firstName = "Ada") =>
        new(StringComparer.Ordinal)
        {
            ["id"] = telegramId.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = firstName,
            ["username"] = "ada_lovelace",
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };

    private static byte[] MiniAppKey(string botToken) => HMACSHA256.HashData("WebAppData"u8, Encoding.UTF8.GetBytes(botToken));

    private static string Sign(byte[] key, SortedDictionary<string, string> fields)
    {
        var dataCheckString = string.Join('\n', fields.Select(field => $"{field.Key}={field.Value}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(dataCheckString)));
    }
}
