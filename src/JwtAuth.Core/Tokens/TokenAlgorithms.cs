using System.Security.Cryptography;

namespace JwtAuth.Tokens;

/// <summary>The algorithms JwtAuth signs with, and what each needs of its key.</summary>
internal static class TokenAlgorithms
{
    public static readonly string[] All =
    [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    ];

    public static bool IsKnown(string? algorithm) => algorithm is not null && Array.IndexOf(All, algorithm) >= 0;

    public static bool IsHmac(string algorithm) => algorithm.StartsWith("HS", StringComparison.Ordinal);

    public static bool IsRsa(string algorithm) =>
        algorithm.StartsWith("RS", StringComparison.Ordinal) || algorithm.StartsWith("PS", StringComparison.Ordinal);

    public static bool IsEcdsa(string algorithm) => algorithm.StartsWith("ES", StringComparison.Ordinal);

    /// <summary>Hash size in bytes; RFC 7518 §3.2 asks an HMAC key to be at least this long.</summary>
    public static int HashBytes(string algorithm) => int.Parse(algorithm.AsSpan(2), provider: null) / 8;

    /// <summary>The curve RFC 7518 §3.4 pairs with each ECDSA algorithm.</summary>
    public static string CurveOid(string algorithm) => algorithm switch
    {
        "ES256" => ECCurve.NamedCurves.nistP256.Oid.Value!,
        "ES384" => ECCurve.NamedCurves.nistP384.Oid.Value!,
        _ => ECCurve.NamedCurves.nistP521.Oid.Value!,
    };

    public const int MinRsaKeyBits = 2048;
}
