using JwtAuth.Testing;
using JwtAuth.Configuration;
using JwtAuth.Revocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.Tests.Options;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("300s", 300)]
    [InlineData("5m", 300)]
    [InlineData(" 1h ", 3600)]
    [InlineData("7d", 604800)]
    [InlineData("00:05:00", 300)]
    [InlineData("1.00:00:00", 86400)]
    public void Durations_InTheFormsPeopleType_AreRead(string text, int seconds)
    {
        Durations.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("300")]
    [InlineData("5 minutes")]
    [InlineData("5x")]
    [InlineData("")]
    [InlineData("m")]
    public void BareNumbersAndUnknownUnits_AreRefused(string text)
    {
        Durations.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void BareNumberInConfiguration_FailsStartUpNamingTheSettingAndTheFormat()
    {
        // .NET alone reads "300" as 300 days: issued access tokens lived for a month.
        using var services = Build(new() { ["JwtAuth:AccessTokenLifetime"] = "300" });

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<JwtAuthOptions>>().Value);

        error.Message.ShouldContain("JwtAuth:AccessTokenLifetime '300' is not a duration; write it as 300s, 5m, 1h, 7d or hh:mm:ss");
    }

    [Fact]
    public void ShortForms_BindOntoTheOptions_AndTheRestBindsAsUsual()
    {
        using var services = Build(new()
        {
            ["JwtAuth:AccessTokenLifetime"] = "2m",
            ["JwtAuth:RefreshTokenLifetime"] = "7d",
            ["JwtAuth:AuthHeaderTypes:0"] = "JWT",
            ["JwtAuth:Revocation:CatchUpInterval"] = "500ms",
        });

        var options = services.GetRequiredService<IOptions<JwtAuthOptions>>().Value;
        options.AccessTokenLifetime.ShouldBe(TimeSpan.FromMinutes(2));
        options.RefreshTokenLifetime.ShouldBe(TimeSpan.FromDays(7));
        options.AuthHeaderTypes.ShouldBe(["JWT"]);
        services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value.CatchUpInterval.ShouldBe(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void ZeroCatchUpInterval_IsRefused()
    {
        using var services = Build(new() { ["JwtAuth:Revocation:CatchUpInterval"] = "0s" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value)
            .Message.ShouldContain("JwtAuth:Revocation:CatchUpInterval must be at least 10ms");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("JwtAuth:SigningKey", TestOptions.Hs256Key);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        JwtAuthCoreServices.Add(services, "JwtAuth").UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
        return services.BuildServiceProvider();
    }
}
