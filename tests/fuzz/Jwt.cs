using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JwtAuth.Fuzz;

/// <summary>Compact JWS pieces, signed the ways an attacker would sign them.</summary>
internal static class Jwt
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static byte[] Decode(string segment) =>
        Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').PadRight((segment.Length + 3) / 4 * 4, '='));

    public static string[] Split(string token) => token.Split('.');

    public static JsonObject Header(string token) => JsonNode.Parse(Decode(Split(token)[0]))!.AsObject();

    public static JsonObject Payload(string token) => JsonNode.Parse(Decode(Split(token)[1]))!.AsObject();

    public static string Json(JsonObject value) => value.ToJsonString();

    /// <summary>Edits a copy of the object.</summary>
    public static JsonObject With(JsonObject value, Action<JsonObject> edit)
    {
        var copy = JsonNode.Parse(value.ToJsonString())!.AsObject();
        edit(copy);
        return copy;
    }

    /// <summary>Signs raw header and payload JSON text with an HMAC of the named algorithm (HS256 for anything else).</summary>
    public static string SignHmac(string headerJson, string payloadJson, string algorithm, byte[] key)
    {
        var input = Encode(headerJson) + "." + Encode(payloadJson);
        return input + "." + Encode(Hmac(algorithm, key, Encoding.ASCII.GetBytes(input)));
    }

    public static byte[] Hmac(string algorithm, byte[] key, byte[] data) => algorithm switch
    {
        "HS384" => HMACSHA384.HashData(key, data),
        "HS512" => HMACSHA512.HashData(key, data),
        _ => HMACSHA256.HashData(key, data),
    };

    public static string SignRsa(string headerJson, string payloadJson, RSA rsa, RSASignaturePadding padding)
    {
        var input = Encode(headerJson) + "." + Encode(payloadJson);
        return input + "." + Encode(rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, padding));
    }

    public static string SignEcdsa(string headerJson, string payloadJson, ECDsa ecdsa)
    {
        var input = Encode(headerJson) + "." + Encode(payloadJson);
        return input + "." + Encode(ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    public static string Unsigned(string headerJson, string payloadJson) => Encode(headerJson) + "." + Encode(payloadJson) + ".";

    public static JsonObject RsaPublicJwk(RSA rsa)
    {
        var parameters = rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["n"] = Encode(parameters.Modulus!),
            ["e"] = Encode(parameters.Exponent!),
            ["kid"] = "attacker",
        };
    }

    /// <summary>The claims of a genuine token the fuzzer starts from.</summary>
    public static string? StringClaim(string token, string name) =>
        Payload(token).TryGetPropertyValue(name, out var value) && value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
