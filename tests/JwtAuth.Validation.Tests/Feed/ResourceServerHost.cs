using System.Net.Http.Headers;
using System.Security.Claims;
using JwtAuth.Revocation;
using JwtAuth.Tests;
using JwtAuth.Tests.Tokens;
using JwtAuth.Tokens;
using JwtAuth.Validation.Feed;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Validation.Tests.Feed;

/// <summary>
/// A resource server with JwtAuth.Validation in-process, its feed a <see cref="FakeFeed"/> and its
/// clock a <see cref="FakeTimeProvider"/>: the outage bound is crossed by moving the clock, not by
/// waiting. HS256 with the tests' key, so tokens are minted here.
/// </summary>
internal sealed class ResourceServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenIssuer _issuer;

    private ResourceServerHost(WebApplication app, FakeTimeProvider time, FakeFeed feed)
    {
        _app = app;
        Time = time;
        Feed = feed;
        var options = TestOptions.Hs256();
        _issuer = new TokenIssuer(options, TokenKeys.Create(options));
        Client = app.GetTestClient();
    }

    public static TimeSpan Bound => TimeSpan.FromMinutes(1);

    public FakeTimeProvider Time { get; }

    public FakeFeed Feed { get; }

    public HttpClient Client { get; }

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public RevocationFeedFollower Follower => _app.Services.GetRequiredService<RevocationFeedFollower>();

    public static async Task<ResourceServerHost> StartAsync(FeedUnavailableBehavior behavior, Action<FakeFeed>? before = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JwtAuth:Algorithm"] = "HS256",
            ["JwtAuth:SigningKey"] = TestOptions.Hs256Key,
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var feed = new FakeFeed(time);
        before?.Invoke(feed);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddFakeLogging();
        builder.Services.AddJwtAuthValidation(options =>
        {
            options.Authority = new Uri("http://auth.test");
            options.RequireHttpsMetadata = false;
            options.ServiceName = "orders-api";
            options.ServiceSecret = "orders-api-secret-0123456789abcdef0123456789";
            options.FeedUnavailableAfter = Bound;
            options.WhenFeedUnavailable = behavior;
        });
        builder.Services.AddHttpClient(JwtAuthValidationDefaults.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => feed);
        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/api/me/", (ClaimsPrincipal user) => TypedResults.Ok(new { user_id = user.FindFirstValue("user_id") })).RequireAuthorization();
        await app.StartAsync();
        return new ResourceServerHost(app, time, feed);
    }

    /// <summary>An access token of a new session, and that session's id.</summary>
    public (string Token, Guid SessionId) Access(TokenType type = TokenType.Access)
    {
        var session = Guid.CreateVersion7();
        return (_issuer.Issue(TestTokenRequests.Create(Time.GetUtcNow(), type, "alice", null, session)).Token, session);
    }

    public async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Client.SendAsync(request);
    }

    public Task<HealthReport> HealthAsync() => _app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    /// <summary>A log entry revoking <paramref name="sessionId"/>, kept an hour.</summary>
    public RevocationEntry Revoke(long id, Guid sessionId) =>
        new(id, RevocationKind.Session, JwtAuthIds.Format(sessionId), 0, Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds());

    /// <summary>Waits (real time, a bounded while) until <paramref name="condition"/> holds: the follower runs on its own.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, because);
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Down = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
