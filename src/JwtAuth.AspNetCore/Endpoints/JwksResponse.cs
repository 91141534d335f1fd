using System.Text.Json.Serialization;

namespace JwtAuth.Endpoints;

/// <summary>
/// The JWKS (RFC 7517) as <c>/.well-known/jwks.json</c> serves it, for API descriptions only: the
/// answer is the bytes <see cref="JwtAuth.Tokens.JwksDocument"/> wrote once at start-up.
/// </summary>
internal sealed record JwksResponse([property: JsonPropertyName("keys")] IReadOnlyList<JwksKey> Keys);

/// <summary>One public key: RSA (<c>n</c>, <c>e</c>) or EC (<c>crv</c>, <c>x</c>, <c>y</c>).</summary>
internal sealed record JwksKey([property: JsonPropertyName("kty")] string KeyType)
{
    [JsonPropertyName("use")]
    public string? Use { get; init; }

    [JsonPropertyName("alg")]
    public string? Algorithm { get; init; }

    [JsonPropertyName("kid")]
    public string? KeyId { get; init; }

    [JsonPropertyName("n")]
    public string? Modulus { get; init; }

    [JsonPropertyName("e")]
    public string? Exponent { get; init; }

    [JsonPropertyName("crv")]
    public string? Curve { get; init; }

    [JsonPropertyName("x")]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    public string? Y { get; init; }
}
