using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("JwtAuth:SigningKey", "too-short", "too short")]
    [InlineData("JwtAuth:SigningKey", "", "SigningKey is not set")]
    [InlineData("JwtAuth:SigningKey", "jwtauth-development-key-0123456789abcdef0123456789abcdef", "development key")]
    [InlineData("JwtAuth:Algorithm", "HS999", "not supported")]
    [InlineData("JwtAuth:AccessTokenLifetime", "-00:01:00", "AccessTokenLifetime must be positive")]
    [InlineData("JwtAuth:Audit:Retention", "1h", "JwtAuth:Audit:Retention must be at least 1 day")]
    [InlineData("JwtAuth:Audit:PruneInterval", "-1h", "JwtAuth:Audit:PruneInterval cannot be negative")]
    public async Task Start_WithUnsafeConfiguration_StopsWithAClearMessage(string key, string value, string message)
    {
        var failure = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestServerHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        failure.Message.ShouldContain(message);
        if (key == "JwtAuth:SigningKey" && value.Length > 0)
        {
            failure.Message.ShouldNotContain(value);
        }
    }

    [Fact]
    public async Task Start_InDevelopment_AcceptsTheDevelopmentKey()
    {
        await using var host = await TestServerHost.StartAsync(
            new Dictionary<string, string?> { ["JwtAuth:SigningKey"] = "jwtauth-development-key-0123456789abcdef0123456789abcdef" },
            environment: "Development");
        await host.RegisterAsync("alice");
        await host.LoginAsync("alice");
    }
}
