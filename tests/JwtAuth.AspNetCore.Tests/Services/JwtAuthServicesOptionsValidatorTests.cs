using JwtAuth.Services;
using Microsoft.Extensions.Configuration;

namespace JwtAuth.Tests.Services;

public sealed class JwtAuthServicesOptionsValidatorTests
{
    [Theory]
    [InlineData("orders-api", null, "JwtAuth:Services:orders-api:Secret must be set, at least 32 characters.")]
    [InlineData("orders-api", "too-short", "JwtAuth:Services:orders-api:Secret must be set, at least 32 characters.")]
    [InlineData("a:b", "orders-api-secret-0123456789abcdef0123456789", "a service name must be non-empty and hold no ':'")]
    public void Validate_RefusesAServiceThatCannotBeTrusted(string name, string? secret, string message)
    {
        var options = new JwtAuthServicesOptions();
        options.Clients[name] = new JwtAuthServiceClient { Secret = secret };

        var result = new JwtAuthServicesOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(message);
        if (secret is not null)
        {
            result.FailureMessage.ShouldNotContain(secret);
        }
    }

    [Fact]
    public void Configure_ReadsEveryServiceOfTheSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JwtAuth:Services:orders-api:Secret"] = "orders-api-secret-0123456789abcdef0123456789",
            ["JwtAuth:Services:bot:Secret"] = "bot-secret-0123456789abcdef0123456789abcdef",
        }).Build();
        var options = new JwtAuthServicesOptions();

        new JwtAuthServicesConfigureOptions(configuration).Configure(options);

        options.Clients.Keys.Order(StringComparer.Ordinal).ShouldBe(["bot", "orders-api"]);
        new JwtAuthServicesOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }
}
