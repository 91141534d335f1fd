using JwtAuth.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JwtAuth.Tests.Revocation;

public sealed class RevocationCatchUpHealthCheckTests
{
    [Fact]
    public async Task CatchUp_IsUnhealthyBeforeTheFirstRound_AndWhileTheLastOneIsOlderThanTheBound()
    {
        await using var node = new CatchUpHarness(new Dictionary<string, string?> { ["JwtAuth:Revocation:MaxCatchUpLag"] = "10s" });
        var check = node.CreateHealthCheck();

        (await CheckAsync(check)).ShouldBe(HealthStatus.Unhealthy);

        await node.RoundAsync();
        (await CheckAsync(check)).ShouldBe(HealthStatus.Healthy);

        node.Time.Advance(TimeSpan.FromSeconds(10));
        (await CheckAsync(check)).ShouldBe(HealthStatus.Healthy);

        node.Time.Advance(TimeSpan.FromMilliseconds(1));
        (await CheckAsync(check)).ShouldBe(HealthStatus.Unhealthy);

        await node.RoundAsync();
        (await CheckAsync(check)).ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task CatchUp_ThatFails_DoesNotCountAsCaughtUp()
    {
        await using var node = new CatchUpHarness();
        var check = node.CreateHealthCheck();
        await node.RoundAsync();

        node.Store.Unavailable = true;
        node.Time.Advance(TimeSpan.FromSeconds(11));
        await Should.ThrowAsync<Sessions.SessionStoreUnavailableException>(node.RoundAsync);

        (await CheckAsync(check)).ShouldBe(HealthStatus.Unhealthy);
    }

    private static async Task<HealthStatus> CheckAsync(IHealthCheck check) =>
        (await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("test", check, null, null) })).Status;
}
