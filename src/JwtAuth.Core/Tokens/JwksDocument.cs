using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Tokens;

/// <summary>
/// Writes a JSON Web Key Set with only the members RFC 7517 and RFC 7518 define for each key's type.
/// Serialising <see cref="JsonWebKeySet"/> directly publishes every property it has, including empty
/// <c>key_ops</c>, <c>oth</c> and <c>x5c</c> arrays, and an empty <c>key_ops</c> tells strict verifiers
/// (<c>jose</c>) that the key may be used for nothing, so they refuse every token.
/// </summary>
internal static class JwksDocument
{
    /// <summary>The set as UTF-8 JSON, written once when the keys are built.</summary>
    public static byte[] Write(JsonWebKeySet set)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in set.Keys)
            {
                json.WriteStartObject();
                json.WriteString("kty", key.Kty);
                WriteIfPresent(json, "use", key.Use);
                WriteIfPresent(json, "alg", key.Alg);
                WriteIfPresent(json, "kid", key.Kid);
                WriteIfPresent(json, "n", key.N);
                WriteIfPresent(json, "e", key.E);
                WriteIfPresent(json, "crv", key.Crv);
                WriteIfPresent(json, "x", key.X);
                WriteIfPresent(json, "y", key.Y);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfPresent(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, value);
        }
    }
}
