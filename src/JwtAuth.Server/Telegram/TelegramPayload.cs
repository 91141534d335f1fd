using System.Globalization;
using System.Text;
using System.Text.Json;
using JwtAuth.Problems;
using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// A sign-in payload as Telegram signed it, read strictly: its data-check string (every field but
/// <c>hash</c>, sorted, <c>key=value</c> lines), the claimed <c>hash</c>, <c>auth_date</c> and the
/// Telegram user id. Anything that is not what Telegram sends is a field error (400), never a 500.
/// </summary>
internal sealed record TelegramPayload(TelegramPayloadKind Kind, byte[] DataCheckString, byte[] Hash, long AuthDate, long UserId)
{
    public const string InitDataField = "init_data";

    private const string HashField = "hash";
    private const string AuthDateField = "auth_date";
    private const string IdField = "id";
    private const string UserField = "user";


    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The Login Widget's data, posted as the JSON object its callback receives (numbers or strings).</summary>
    public static TelegramPayload? FromLoginWidget(JsonElement? body, Dictionary<string, string[]> errors)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body?.EnumerateObject() ?? default)
        {
            string? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                // The widget sends id and auth_date as numbers; the check string holds their digits.
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => null,
            };
            if (value is null)
            {
                errors[property.Name] = [JwtAuthMessages.FieldNotString];
            }
            else if (!fields.TryAdd(property.Name, value))
            {
                errors[property.Name] = [ServerMessages.Translations.Translate(ServerMessages.TelegramDuplicateField)];
            }
        }

        var userId = PositiveInteger(fields, IdField, errors);
        return Read(TelegramPayloadKind.LoginWidget, fields, userId, errors);
    }

    /// <summary>A Mini App's <c>Telegram.WebApp.initData</c>, the query string exactly as the Mini App received it.</summary>
    public static TelegramPayload? FromMiniAppInitData(string initData, Dictionary<string, string[]> errors)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in initData.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals > 0 ? Decode(pair[..equals]) : null;
            var value = equals > 0 ? Decode(pair[(equals + 1)..]) : null;
            if (key is null || value is null || !fields.TryAdd(key, value))
            {
                errors[InitDataField] = [ServerMessages.Translations.Translate(ServerMessages.TelegramNotQueryString)];
                return null;
            }
        }

        long? userId = null;
        if (!fields.TryGetValue(UserField, out var user))
        {
            errors[UserField] = [JwtAuthMessages.FieldRequired];
        }
        else if ((userId = UserIdOf(user)) is null)
        {
            errors[UserField] = [ServerMessages.Translations.Translate(ServerMessages.TelegramNotUserObject)];
        }

        return Read(TelegramPayloadKind.MiniApp, fields, userId, errors);
    }

    private static TelegramPayload? Read(TelegramPayloadKind kind, SortedDictionary<string, string> fields, long? userId, Dictionary<string, string[]> errors)
    {
        byte[]? hash = null;
        if (!fields.Remove(HashField, out var hex))
        {
            errors[HashField] = [JwtAuthMessages.FieldRequired];
        }
        else if (hex.Length != 2 * 32 || !hex.All(char.IsAsciiHexDigit))
        {
            errors[HashField] = [ServerMessages.Translations.Translate(ServerMessages.TelegramNotHexHash)];
        }
        else
        {
            hash = Convert.FromHexString(hex);
        }

        long? authDate = null;
        if (!fields.TryGetValue(AuthDateField, out var date))
        {
            errors[AuthDateField] = [JwtAuthMessages.FieldRequired];
        }
        else if (!long.TryParse(date, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            errors[AuthDateField] = [ServerMessages.Translations.Translate(ServerMessages.TelegramNotUnixTime)];
        }
        else
        {
            authDate = seconds;
        }

        if (errors.Count > 0 || hash is null || authDate is null || userId is null)
        {
            return null;
        }

        var dataCheckString = string.Join('\n', fields.Select(field => field.Key + "=" + field.Value));
        return new TelegramPayload(kind, Encoding.UTF8.GetBytes(dataCheckString), hash, authDate.Value, userId.Value);
    }

    private static long? PositiveInteger(SortedDictionary<string, string> fields, string name, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(name, out var text))
        {
            errors[name] = [JwtAuthMessages.FieldRequired];
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        errors[name] = [ServerMessages.Translations.Translate(ServerMessages.TelegramNotPositiveInteger)];
        return null;
    }

    private static long? UserIdOf(string json)
    {
        try
        {
            using var user = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            return user.RootElement.ValueKind == JsonValueKind.Object
                   && user.RootElement.TryGetProperty(IdField, out var id)
                   && id.ValueKind == JsonValueKind.Number
                   && id.TryGetInt64(out var value)
                   && value > 0
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Form decoding ('+' is a space, <c>%XX</c> a byte) that refuses what a lenient decoder would
    /// pass through: a '%' without two hex digits, or bytes that are not UTF-8.
    /// </summary>
    private static string? Decode(string encoded)
    {
        if (encoded.AsSpan().IndexOfAny('%', '+') < 0)
        {
            return encoded;
        }

        var input = Encoding.UTF8.GetBytes(encoded);
        var output = new byte[input.Length];
        var length = 0;
        for (var i = 0; i < input.Length; i++)
        {
            switch (input[i])
            {
                case (byte)'+':
                    output[length++] = (byte)' ';
                    break;
                case (byte)'%':
                    if (i + 2 >= input.Length
                        || !byte.TryParse(input.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out output[length]))
                    {
                        return null;
                    }

                    length++;
                    i += 2;
                    break;
                default:
                    output[length++] = input[i];
                    break;
            }
        }

        try
        {
            return StrictUtf8.GetString(output, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
