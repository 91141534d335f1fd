using JwtAuth.Tests;
using Microsoft.Extensions.Options;

namespace JwtAuth.Validation.Tests.Feed;

public sealed class JwtAuthValidationOptionsValidatorTests
{
    public static TheoryData<string, Action<JwtAuthValidationOptions, JwtAuthOptions>> Refused => new()
    {
        { "Authority must be the JwtAuth server's absolute base URL", (v, _) => v.Authority = null },
        { "Authority must use https", (v, _) => v.Authority = new Uri("http://auth.example.com") },
        { "ServiceName and ServiceSecret must be set", (v, _) => v.ServiceSecret = null },
        { "FeedWait must be from 1 to 55 seconds", (v, _) => v.FeedWait = TimeSpan.FromMinutes(2) },
        { "FeedUnavailableAfter must be longer than FeedWait", (v, _) => v.FeedUnavailableAfter = TimeSpan.FromSeconds(10) },
        { "JwtAuth:SigningKey must be set to the server's key", (_, t) => t.SigningKey = null },
        { "JwtAuth:Algorithm 'none' is not supported", (_, t) => t.Algorithm = "none" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Validate_RefusesWhatCannotWork(string message, Action<JwtAuthValidationOptions, JwtAuthOptions> change)
    {
        var (validation, tokens) = Valid();
        change(validation, tokens);

        var result = new JwtAuthValidationOptionsValidator(Options.Create(tokens)).Validate(null, validation);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(message);
    }

    [Fact]
    public void Validate_AcceptsAnAsymmetricAlgorithmWithoutAKey()
    {
        var (validation, tokens) = Valid();
        (tokens.Algorithm, tokens.SigningKey) = ("ES256", null);

        new JwtAuthValidationOptionsValidator(Options.Create(tokens)).Validate(null, validation).Succeeded.ShouldBeTrue();
    }

    private static (JwtAuthValidationOptions Validation, JwtAuthOptions Tokens) Valid() =>
        (new JwtAuthValidationOptions
        {
            Authority = new Uri("https://auth.example.com"),
            ServiceName = "orders-api",
            ServiceSecret = "orders-api-secret-0123456789abcdef0123456789",
        }, TestOptions.Hs256());
}
