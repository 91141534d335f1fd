using Microsoft.Extensions.DependencyInjection;
using JwtAuth.Revocation;
using System.Net;
using JwtAuth.Tokens;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JwtAuth.Validation.Tests.Feed;

/// <summary>
/// A resource server following the feed: revocations apply as the feed delivers them, the ones
/// written during an outage apply when it ends, and an outage longer than the bound fails closed or
/// open as configured, saying so in the health check and a log line.
/// </summary>
public sealed class FeedFollowingTests
{
    [Fact]
    public async Task Revocation_DeliveredByTheFeed_IsRefused()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens);
        var (token, session) = host.Access();
        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Feed.Add(host.Revoke(1, session));

        await ResourceServerHost.EventuallyAsync(async () => (await host.GetAsync(token)).StatusCode == HttpStatusCode.Unauthorized, "the revoked session's token is still accepted");
        var body = await (await host.GetAsync(token)).Content.ReadAsStringAsync();
        body.ShouldContain("Token is blacklisted");
    }

    [Fact]
    public async Task WithPostgreSqlNotifications_AnAnnouncedRevocationIsReadFromTheFeed_AndNoRequestIsHeldOpen()
    {
        using var notifications = new TestSignal();
        await using var host = await ResourceServerHost.StartAsync(
            FeedUnavailableBehavior.RefuseTokens, services: services => services.AddSingleton<IRevocationSignal>(notifications));
        var (token, session) = host.Access();
        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Feed.Add(host.Revoke(1, session));
        notifications.Announce();

        await ResourceServerHost.EventuallyAsync(async () => (await host.GetAsync(token)).StatusCode == HttpStatusCode.Unauthorized, "the announced revocation was not read");
        host.Feed.LongPolls.ShouldBe(0);
    }

    [Fact]
    public async Task RefreshToken_AsBearer_IsRefused()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens);
        var (refresh, _) = host.Access(TokenType.Refresh);
        (await host.GetAsync(refresh)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Entry_BelowTheHighestRead_ThatAppearsLater_IsApplied()
    {
        // The nodes' gap rule: id 1 missing when 2 was read is re-read until it appears.
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens);
        var (token, session) = host.Access();
        var (other, otherSession) = host.Access();
        host.Feed.Add(host.Revoke(2, otherSession));
        await ResourceServerHost.EventuallyAsync(async () => (await host.GetAsync(other)).StatusCode == HttpStatusCode.Unauthorized, "entry 2 was not applied");
        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Feed.Add(host.Revoke(1, session));

        // The next round re-reads the gap: at once if the feed's held request saw the entry come, else when its wait ends.
        await ResourceServerHost.EventuallyAsync(async () =>
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            return (await (await host.GetAsync(token)).Content.ReadAsStringAsync()).Contains("Token is blacklisted");
        }, "the late entry in the gap was not applied");
    }

    [Fact]
    public async Task Revocations_WrittenWhileTheFeedWasDown_AreAppliedWhenItAnswers()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens);
        var (token, session) = host.Access();
        host.Feed.Down = true;
        host.Feed.Add(host.Revoke(1, session));
        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);

        host.Feed.Down = false;
        // The follower retries after its retry delay, on the fake clock.
        await ResourceServerHost.EventuallyAsync(async () =>
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            return (await host.GetAsync(token)).StatusCode == HttpStatusCode.Unauthorized;
        }, "the revocation written during the outage was not applied after it");
    }

    [Fact]
    public async Task FeedDown_LongerThanTheBound_RefuseTokens_RefusesEveryToken_AndSaysSo()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens);
        var (token, _) = host.Access();
        host.Feed.Down = true;

        host.Time.Advance(ResourceServerHost.Bound - TimeSpan.FromSeconds(1));
        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.HealthAsync()).Status.ShouldBe(HealthStatus.Healthy);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        var refused = await host.GetAsync(token);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("revocations_unavailable");
        (await host.HealthAsync()).Status.ShouldBe(HealthStatus.Unhealthy);
        await ResourceServerHost.EventuallyAsync(
            () => Task.FromResult(host.Logs.GetSnapshot().Any(log => log.Id.Id == 301)),
            "no log line said the feed is out of reach and tokens are refused");

        host.Feed.Down = false;
        await ResourceServerHost.EventuallyAsync(async () =>
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            return (await host.GetAsync(token)).StatusCode == HttpStatusCode.OK;
        }, "tokens stayed refused after the feed answered again");
        (await host.HealthAsync()).Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task FeedDown_LongerThanTheBound_AcceptTokens_KeepsAccepting_AndSaysSo()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.AcceptTokens);
        var (token, _) = host.Access();
        var (revoked, session) = host.Access();
        host.Feed.Add(host.Revoke(1, session));
        await ResourceServerHost.EventuallyAsync(async () => (await host.GetAsync(revoked)).StatusCode == HttpStatusCode.Unauthorized, "the revocation was not applied");
        host.Feed.Down = true;

        host.Time.Advance(ResourceServerHost.Bound + TimeSpan.FromSeconds(1));

        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // What it knew it still refuses.
        (await host.GetAsync(revoked)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.HealthAsync()).Status.ShouldBe(HealthStatus.Degraded);
        await ResourceServerHost.EventuallyAsync(
            () => Task.FromResult(host.Logs.GetSnapshot().Any(log => log.Id.Id == 302)),
            "no log line said the feed is out of reach and tokens are still accepted");
    }

    [Fact]
    public async Task RefuseTokens_FeedNeverReached_RefusesTokensFromTheStart()
    {
        await using var host = await ResourceServerHost.StartAsync(FeedUnavailableBehavior.RefuseTokens, feed => feed.Down = true);
        var (token, _) = host.Access();

        (await host.GetAsync(token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.HealthAsync()).Status.ShouldBe(HealthStatus.Unhealthy);
    }

    /// <summary>What <c>AddJwtAuthPostgreSqlNotifications</c> registers, driven by the test: a wake-up per announced write.</summary>
    private sealed class TestSignal : IRevocationSignal, IDisposable
    {
        private readonly SemaphoreSlim _announced = new(0, 1);

        public void Announce() => _announced.Release();

        public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _announced.WaitAsync(timeout, cancellationToken);

        public void Dispose() => _announced.Dispose();
    }
}
