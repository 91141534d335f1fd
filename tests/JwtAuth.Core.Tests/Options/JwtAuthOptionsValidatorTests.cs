using System.Security.Cryptography;
using JwtAuth.Configuration;

namespace JwtAuth.Tests.Options;

public sealed class JwtAuthOptionsValidatorTests
{
    private static JwtAuthOptionsValidator Validator() => new();

    [Fact]
    public void Defaults_WithALongEnoughKey_AreValid()
    {
        Validator().Validate(null, TestOptions.Hs256()).Succeeded.ShouldBeTrue();
    }

    public static TheoryData<string, Action<JwtAuthOptions>> Broken => new()
    {
        { "too short for HS256", o => o.SigningKey = new string('k', 31) },
        { "too short for HS512", o => { o.Algorithm = "HS512"; o.SigningKey = new string('k', 63); } },
        { "SigningKey is not set", o => o.SigningKey = null },
        { "is not supported", o => o.Algorithm = "none" },
        { "is not supported", o => o.Algorithm = "hs256" },
        { "AccessTokenLifetime must be positive", o => o.AccessTokenLifetime = TimeSpan.FromSeconds(-1) },
        { "RefreshTokenLifetime must be positive", o => o.RefreshTokenLifetime = TimeSpan.Zero },
        { "SessionLifetime must be positive", o => o.SessionLifetime = TimeSpan.Zero },
        { "Leeway cannot be negative", o => o.Leeway = TimeSpan.FromSeconds(-1) },
        { "RefreshReuseGracePeriod cannot be negative", o => o.RefreshReuseGracePeriod = TimeSpan.FromSeconds(-1) },
        { "JwkUrl is not supported", o => o.JwkUrl = "https://example.test/jwks" },
        { "AuthHeaderTypes", o => o.AuthHeaderTypes = [] },
        { "AccessTokenLifetime (1.00:00:00) is longer than JwtAuth:RefreshTokenLifetime (12:00:00)", o => (o.AccessTokenLifetime, o.RefreshTokenLifetime) = (TimeSpan.FromDays(1), TimeSpan.FromHours(12)) },
        { "not a PEM key", o => { o.Algorithm = "RS256"; o.SigningKey = "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"; } },
        { "needs at least 2048 bits", o => { o.Algorithm = "RS256"; o.SigningKey = Rsa(1024); } },
        { "not on the curve", o => { o.Algorithm = "ES384"; o.SigningKey = Ec(ECCurve.NamedCurves.nistP256); } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void BrokenOptions_FailWithAMessageNamingTheSetting(string expected, Action<JwtAuthOptions> breakIt)
    {
        var options = TestOptions.Hs256(breakIt);

        var result = Validator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(expected);
        if (options.SigningKey is { Length: > 0 } key)
        {
            result.FailureMessage.ShouldNotContain(key);
        }
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS512")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public void AsymmetricAlgorithms_WithMatchingPemKeys_AreValid(string algorithm)
    {
        var key = algorithm switch
        {
            "ES256" => Ec(ECCurve.NamedCurves.nistP256),
            "ES384" => Ec(ECCurve.NamedCurves.nistP384),
            "ES512" => Ec(ECCurve.NamedCurves.nistP521),
            _ => Rsa(2048),
        };

        Validator().Validate(null, TestOptions.Hs256(o => { o.Algorithm = algorithm; o.SigningKey = key; })).Succeeded.ShouldBeTrue();
    }

    internal static string Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    internal static string Ec(ECCurve curve)
    {
        using var ec = ECDsa.Create(curve);
        return ec.ExportPkcs8PrivateKeyPem();
    }
}
