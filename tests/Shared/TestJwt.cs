using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JwtAuth.Testing;

/// <summary>Reads and forges compact JWS the way an attacker holding the key (or not) would.</summary>
public static class TestJwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string segment) =>
        Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').PadRight((segment.Length + 3) / 4 * 4, '='));

    /// <summary>The payload of a token.</summary>
    public static JsonElement Claims(string token) => JsonDocument.Parse(Decode(token.Split('.')[1])).RootElement;

    /// <summary>The header of a token.</summary>
    public static JsonElement Header(string token) => JsonDocument.Parse(Decode(token.Split('.')[0])).RootElement;

    /// <summary>Copies a token with its header and payload changed, signed with <paramref name="key"/> by the header's HMAC algorithm.</summary>
    public static string Resign(string token, string key, Action<JsonObject>? payload = null, Action<JsonObject>? header = null)
    {
        var parts = token.Split('.');
        var h = JsonNode.Parse(Decode(parts[0]))!.AsObject();
        var p = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        header?.Invoke(h);
        payload?.Invoke(p);
        return Sign(h, p, key);
    }

    /// <summary>Signs with the header's <c>alg</c> (none, HS256, HS384, HS512).</summary>
    public static string Sign(JsonObject header, JsonObject payload, string key)
    {
        var input = Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var secret = Encoding.UTF8.GetBytes(key);
        var data = Encoding.ASCII.GetBytes(input);
        var signature = header["alg"]?.GetValue<string>() switch
        {
            "none" => [],
            "HS384" => HMACSHA384.HashData(secret, data),
            "HS512" => HMACSHA512.HashData(secret, data),
            _ => HMACSHA256.HashData(secret, data),
        };
        return input + "." + Encode(signature);
    }
}
