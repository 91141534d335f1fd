using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using JwtAuth.Testing;
using JwtAuth.Tests.Options;
using JwtAuth.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// A <c>crit</c> header parameter names extensions the recipient must understand (RFC 7515
/// §4.1.11); JwtAuth understands none, so it refuses every token that has one, whatever the key.
/// The HMAC reader is held to the same rule in the differential header tests.
/// </summary>
public sealed class TokenValidatorCritTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public static TheoryData<string, string?> Cases()
    {
        var cases = new TheoryData<string, string?>();
        foreach (var algorithm in new[] { "HS256", "RS256", "ES256" })
        {
            cases.Add(algorithm, null);
            cases.Add(algorithm, "[\"exp\"]");
            cases.Add(algorithm, "[]");
            cases.Add(algorithm, "null");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ATokenWithCrit_IsRefused_AndTheSameTokenWithoutIt_Accepted(string algorithm, string? crit)
    {
        var pem = algorithm switch
        {
            "RS256" => JwtAuthOptionsValidatorTests.Rsa(2048),
            "ES256" => JwtAuthOptionsValidatorTests.Ec(ECCurve.NamedCurves.nistP256),
            _ => TestOptions.Hs256Key,
        };
        var options = TestOptions.Hs256(o => (o.Algorithm, o.SigningKey) = (algorithm, pem));
        var keys = TokenKeys.Create(options);
        var validator = new TokenValidator(options, keys, new FakeTimeProvider(Now));
        var issued = new TokenIssuer(options, keys).Issue(new TokenRequest
        {
            Type = TokenType.Access, UserId = "7", SessionId = Guid.CreateVersion7(), IssuedAt = Now, ExpiresAt = Now.AddMinutes(5),
        }).Token;

        var token = Resign(issued, algorithm, pem, crit);

        (await validator.ValidateAsync(token)).Failure.ShouldBe(crit is null ? TokenFailure.None : TokenFailure.InvalidOrExpired);
    }

    // The issued token's header with crit set (or, with null, the header as issued), signed again with the key.
    private static string Resign(string token, string algorithm, string pem, string? crit)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(TestJwt.Decode(parts[0]))!.AsObject();
        if (crit is not null)
        {
            header["crit"] = JsonNode.Parse(crit);
        }

        var input = TestJwt.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + parts[1];
        var data = Encoding.ASCII.GetBytes(input);
        byte[] signature;
        switch (algorithm)
        {
            case "RS256":
                using (var rsa = RSA.Create())
                {
                    rsa.ImportFromPem(pem);
                    signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }

                break;
            case "ES256":
                using (var ecdsa = ECDsa.Create())
                {
                    ecdsa.ImportFromPem(pem);
                    signature = ecdsa.SignData(data, HashAlgorithmName.SHA256);
                }

                break;
            default:
                signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(pem), data);
                break;
        }

        return input + "." + TestJwt.Encode(signature);
    }
}
