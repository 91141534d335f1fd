using JwtAuth.Revocation;
using JwtAuth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.Tests.Revocation;

public sealed class RevocationSyncOptionsTests
{
    [Fact]
    public void ReReadWindow_ShorterThanTheGapTimeout_IsRefused()
    {
        using var services = Build(new() { ["JwtAuth:Revocation:GapTimeout"] = "5m", ["JwtAuth:Revocation:ReReadWindow"] = "1m" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value)
            .Message.ShouldContain("JwtAuth:Revocation:ReReadWindow must be at least GapTimeout");
    }

    [Fact]
    public void MaxCatchUpLag_ShorterThanTheCatchUpInterval_IsRefused()
    {
        using var services = Build(new() { ["JwtAuth:Revocation:CatchUpInterval"] = "5s", ["JwtAuth:Revocation:MaxCatchUpLag"] = "4s" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value)
            .Message.ShouldContain("JwtAuth:Revocation:MaxCatchUpLag must be at least CatchUpInterval");
    }

    [Fact]
    public void ReReadWindow_IsReadAsADuration_AndDefaultsToTenMinutes()
    {
        using (var services = Build([]))
        {
            services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value.ReReadWindow.ShouldBe(TimeSpan.FromMinutes(10));
        }

        using (var services = Build(new() { ["JwtAuth:Revocation:ReReadWindow"] = "1h" }))
        {
            services.GetRequiredService<IOptions<RevocationSyncOptions>>().Value.ReReadWindow.ShouldBe(TimeSpan.FromHours(1));
        }
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
