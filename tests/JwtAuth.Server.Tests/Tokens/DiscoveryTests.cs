using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Server.Tests.Tokens;

public sealed class DiscoveryTests
{
    public static TheoryData<string, string, string[]> AsymmetricKeys => new()
    {
        { "RS256", RsaKeyPem(), ["kty", "use", "alg", "kid", "n", "e"] },
        { "ES256", EcKeyPem(), ["kty", "use", "alg", "kid", "crv", "x", "y"] },
    };

    [Theory]
    [MemberData(nameof(AsymmetricKeys))]
    public async Task Jwks_PublishesOnlyTheMembersOfTheKeyType_AndVerifiesIssuedTokens(string algorithm, string privateKeyPem, string[] members)
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["JwtAuth:Algorithm"] = algorithm,
            ["JwtAuth:SigningKey"] = privateKeyPem,
        });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var jwks = await client.GetAsync("/.well-known/jwks.json", bearer: null);

        var key = jwks.Json.GetProperty("keys").EnumerateArray().ShouldHaveSingleItem();
        key.EnumerateObject().Select(member => member.Name).ShouldBe(members);
        key.EnumerateObject().ShouldAllBe(member => member.Value.ValueKind == JsonValueKind.String && member.Value.GetString()!.Length > 0);
        var published = new JsonWebKeySet(jwks.Json.GetRawText());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(access, new TokenValidationParameters
        {
            IssuerSigningKeys = published.GetSigningKeys(),
            ValidAlgorithms = [algorithm],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    [Fact]
    public async Task Discovery_WithoutConfiguredIssuer_NamesTheServerAndItsKeys()
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.CreateClient();

        var discovery = await client.GetAsync("/.well-known/openid-configuration", bearer: null);

        discovery.Status.ShouldBe(HttpStatusCode.OK);
        var baseUrl = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        discovery.Json.GetProperty("issuer").GetString().ShouldBe(baseUrl);
        var jwksUri = discovery.Json.GetProperty("jwks_uri").GetString()!;
        jwksUri.ShouldBe(baseUrl + "/.well-known/jwks.json");
        (await client.GetAsync(jwksUri, bearer: null)).Status.ShouldBe(HttpStatusCode.OK);
        discovery.Json.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()).ShouldBe(["HS256"]);
    }

    [Fact]
    public async Task Discovery_WithConfiguredIssuer_NamesTheIssuerTokensCarry()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:Issuer"] = "https://auth.example.test" });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var discovery = await client.GetAsync("/.well-known/openid-configuration", bearer: null);

        discovery.Json.GetProperty("issuer").GetString().ShouldBe("https://auth.example.test");
        new JsonWebToken(access).Issuer.ShouldBe("https://auth.example.test");
    }

    private static string RsaKeyPem()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static string EcKeyPem()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportPkcs8PrivateKeyPem();
    }
}
