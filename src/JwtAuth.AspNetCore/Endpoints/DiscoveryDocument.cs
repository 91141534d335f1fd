using System.Text.Json.Serialization;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>
/// The OpenID Connect discovery document (<c>/.well-known/openid-configuration</c>), reduced to what a
/// token verifier reads: the issuer, where the keys are, and the one signing algorithm. With it
/// JwtBearer's <c>Authority</c>, <c>jose</c> and other standard verifiers find the keys and follow a
/// key rollover without being configured by hand.
/// </summary>
internal sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("jwks_uri")] string JwksUri,
    [property: JsonPropertyName("id_token_signing_alg_values_supported")] string[] SigningAlgorithms)
{
    /// <summary>Where the JWKS is served.</summary>
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>Where this document is served.</summary>
    public const string Path = "/.well-known/openid-configuration";

    /// <summary>
    /// The document as seen from <paramref name="request"/>. The issuer is <c>JwtAuth:Issuer</c> when
    /// set (then tokens carry it as <c>iss</c> and verifiers can check it); otherwise the server's
    /// own base URL, because discovery requires an issuer.
    /// </summary>
    public static DiscoveryDocument For(HttpRequest request, TokenServices tokens)
    {
        var baseUrl = string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent());
        return new DiscoveryDocument(
            tokens.Options.Issuer ?? baseUrl,
            baseUrl + JwksPath,
            [tokens.Keys.Algorithm]);
    }
}
