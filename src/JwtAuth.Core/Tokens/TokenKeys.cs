using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Tokens;

/// <summary>
/// The key material of one configuration, built once: what signs, what verifies, its <c>kid</c>,
/// and the public JWKS. Keys come from configuration only, never from a token's header.
/// </summary>
internal sealed class TokenKeys
{
    /// <summary>The configured algorithm, the only one accepted.</summary>
    public string Algorithm { get; }

    /// <summary>The <c>kid</c> every issued token carries.</summary>
    public string KeyId { get; }

    /// <summary>Credentials that sign new tokens; null for keys read from an authority, which only verify.</summary>
    public SigningCredentials? SigningCredentials { get; }

    /// <summary>The key that verifies signatures; null when they are the authority's (<see cref="Authority"/>).</summary>
    public SecurityKey? VerificationKey { get; }

    /// <summary>
    /// Where a resource server reads the verifying keys (the JWKS named by the authority's discovery
    /// document, refreshed when a token names a key it has not seen); null on the server itself.
    /// </summary>
    public BaseConfigurationManager? Authority { get; }

    /// <summary>For HMAC algorithms, the raw secret (the key string's UTF-8 bytes); empty otherwise.</summary>
    internal byte[] HmacSecret { get; }

    /// <summary>The public keys as a JSON Web Key Set (empty for HMAC, whose key is secret).</summary>
    public JsonWebKeySet Jwks { get; }

    /// <summary><see cref="Jwks"/> as the UTF-8 JSON the JWKS endpoint serves (see <see cref="JwksDocument"/>).</summary>
    public byte[] JwksJson { get; }

    private TokenKeys(string algorithm, string keyId, SecurityKey signing, SecurityKey verification, byte[] hmacSecret, JsonWebKeySet jwks)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        signing.KeyId = keyId;
        verification.KeyId = keyId;
        SigningCredentials = new SigningCredentials(signing, algorithm);
        VerificationKey = verification;
        HmacSecret = hmacSecret;
        Jwks = jwks;
        JwksJson = JwksDocument.Write(jwks);
    }

    private TokenKeys(string algorithm, BaseConfigurationManager authority)
    {
        Algorithm = algorithm;
        KeyId = string.Empty;
        Authority = authority;
        HmacSecret = [];
        Jwks = new JsonWebKeySet();
        JwksJson = JwksDocument.Write(Jwks);
    }

    /// <summary>
    /// Verifying keys of <paramref name="algorithm"/> (RSA or ECDSA) read from an authority's
    /// configuration: a resource server's, which holds no key of its own.
    /// </summary>
    public static TokenKeys FromAuthority(string algorithm, BaseConfigurationManager authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (TokenAlgorithms.IsHmac(algorithm))
        {
            throw new ArgumentException($"{algorithm} keys are secret and not published by the authority; configure the shared key instead.", nameof(algorithm));
        }

        return new TokenKeys(algorithm, authority);
    }

    /// <summary>Builds the keys of validated options.</summary>
    public static TokenKeys Create(JwtAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var algorithm = options.Algorithm;
        var signingKey = options.SigningKey ?? throw new InvalidOperationException("JwtAuth:SigningKey is not set.");
        if (TokenAlgorithms.IsHmac(algorithm))
        {
            var secret = Encoding.UTF8.GetBytes(signingKey);
            var key = new SymmetricSecurityKey(secret);
            return new TokenKeys(algorithm, HmacKeyId(secret), key, key, secret, new JsonWebKeySet());
        }

        AsymmetricSecurityKey privateKey, publicKey;
        if (TokenAlgorithms.IsRsa(algorithm))
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(signingKey);
            var rsaPublic = RSA.Create();
            if (string.IsNullOrWhiteSpace(options.VerifyingKey))
            {
                rsaPublic.ImportParameters(rsa.ExportParameters(includePrivateParameters: false));
            }
            else
            {
                rsaPublic.ImportFromPem(options.VerifyingKey);
            }

            privateKey = new RsaSecurityKey(rsa);
            publicKey = new RsaSecurityKey(rsaPublic);
        }
        else
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(signingKey);
            var ecdsaPublic = ECDsa.Create();
            if (string.IsNullOrWhiteSpace(options.VerifyingKey))
            {
                ecdsaPublic.ImportParameters(ecdsa.ExportParameters(includePrivateParameters: false));
            }
            else
            {
                ecdsaPublic.ImportFromPem(options.VerifyingKey);
            }

            privateKey = new ECDsaSecurityKey(ecdsa);
            publicKey = new ECDsaSecurityKey(ecdsaPublic);
        }

        var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(publicKey);
        var keyId = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        jwk.KeyId = keyId;
        jwk.Alg = algorithm;
        jwk.Use = "sig";
        var jwks = new JsonWebKeySet();
        jwks.Keys.Add(jwk);
        return new TokenKeys(algorithm, keyId, privateKey, publicKey, [], jwks);
    }

    // The kid of a secret must not reveal it: a salted hash, truncated, names the key without
    // helping anyone who does not already hold it.
    private static string HmacKeyId(byte[] secret)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.ASCII.GetBytes("jwtauth-kid"), secret, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
