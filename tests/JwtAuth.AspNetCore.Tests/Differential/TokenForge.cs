using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JwtAuth.Tests.Tokens;

/// <summary>Builds compact JWS by hand, from any bytes, so tests can sign what TokenIssuer never would.</summary>
internal static class TokenForge
{
    public static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string Decode(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));

    /// <summary>Signs <c>header.payload</c> (already encoded) with an HMAC of the given hash size.</summary>
    public static string Sign(string encodedHeader, string encodedPayload, byte[] key, int hashBytes = 32)
    {
        var input = encodedHeader + "." + encodedPayload;
        return input + "." + Base64Url.EncodeToString(Mac(Encoding.ASCII.GetBytes(input), key, hashBytes));
    }

    public static string SignJson(string headerJson, string payloadJson, byte[] key, int hashBytes = 32) =>
        Sign(Encode(headerJson), Encode(payloadJson), key, hashBytes);

    public static byte[] Mac(byte[] input, byte[] key, int hashBytes) => hashBytes switch
    {
        32 => HMACSHA256.HashData(key, input),
        48 => HMACSHA384.HashData(key, input),
        _ => HMACSHA512.HashData(key, input),
    };

    /// <summary>The members of a JSON object as raw JSON texts (name with its quotes, value), in order.</summary>
    public static List<(string Name, string Value)> Members(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => (JsonSerializer.Serialize(p.Name), p.Value.GetRawText())).ToList();
    }

    public static string Object(IEnumerable<(string Name, string Value)> members) =>
        "{" + string.Join(",", members.Select(m => m.Name + ":" + m.Value)) + "}";

    public static string Quote(string name) => JsonSerializer.Serialize(name);
}
