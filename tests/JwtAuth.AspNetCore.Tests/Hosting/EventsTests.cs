using System.Net;
using System.Net.Http.Json;
using JwtAuth.Authentication;
using JwtAuth.Flows;
using JwtAuth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Tests.Hosting;

public sealed class EventsTests
{
    private static Action<IServiceCollection> WithEvents(Action<JwtAuthSchemeOptions> configure) => services =>
    {
        services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
        services.Configure(JwtAuthDefaults.AuthenticationScheme, configure);
    };

    [Fact]
    public async Task MessageReceived_CanTakeTheTokenFromTheQueryString()
    {
        await using var app = await TestApp.StartAsync(WithEvents(o => o.Events.OnMessageReceived = context =>
        {
            context.Token = context.Request.Query["access_token"];
            return Task.CompletedTask;
        }));
        var (access, _) = await app.LoginAsync(TestApp.NewUser());
        using var client = app.CreateClient();

        (await client.GetAsync(TestApp.Protected + "?access_token=" + access)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync(TestApp.Protected + "?access_token=" + access[..^2])).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AuthenticationFailed_SeesWhyTheTokenWasRefused()
    {
        var reasons = new List<string>();
        await using var app = await TestApp.StartAsync(WithEvents(o => o.Events.OnAuthenticationFailed = context =>
        {
            reasons.Add(context.Exception.Message + " / " + context.Reason);
            return Task.CompletedTask;
        }));
        var (access, _) = await app.LoginAsync(TestApp.NewUser());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);
        (await client.PostAsync("/api/logout/", null)).StatusCode.ShouldBe(HttpStatusCode.ResetContent);

        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        reasons.ShouldBe(["Token is blacklisted / Blacklisted"]);
    }

    [Fact]
    public async Task Challenge_CanWriteItsOwnResponse()
    {
        await using var app = await TestApp.StartAsync(WithEvents(o => o.Events.OnChallenge = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("log in first");
        }));
        using var client = app.CreateClient();

        var response = await client.GetAsync(TestApp.Protected);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldBe("log in first");
    }

    [Fact]
    public async Task Forbidden_CanWriteItsOwnResponse_AndTheDefaultIsAProblem()
    {
        var handled = true;
        await using var app = await TestApp.StartAsync(
            WithEvents(o => o.Events.OnForbidden = async context =>
            {
                if (handled)
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsync("staff only");
                }
            }),
            map: app => app.MapGet("/staff", () => "hi").RequireAuthorization(policy => policy.RequireRole("staff")));
        var (access, _) = await app.LoginAsync(TestApp.NewUser());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);

        var custom = await client.GetAsync("/staff");
        handled = false;
        var standard = await client.GetAsync("/staff");

        custom.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await custom.Content.ReadAsStringAsync()).ShouldBe("staff only");
        standard.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await standard.Content.ReadAsStringAsync()).ShouldContain("permission_denied");
    }

    [Fact]
    public async Task EventsType_IsHonouredForEveryEvent_TheFlowsIncluded()
    {
        await using var app = await TestApp.StartAsync(services =>
        {
            services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
            services.AddSingleton<CountingEvents>();
            services.Configure<JwtAuthSchemeOptions>(JwtAuthDefaults.AuthenticationScheme, o => o.EventsType = typeof(CountingEvents));
        });
        var events = app.App.Services.GetRequiredService<CountingEvents>();
        var (access, refresh) = await app.LoginAsync(TestApp.NewUser());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);

        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/token/refresh/", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/token/refresh/", new { refresh })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Authentication runs on each of the five requests; the bearer stays valid until the reuse ends its session.
        events.Counts.OrderBy(c => c.Key).ShouldBe(new SortedDictionary<string, int>
        {
            ["IssuingToken"] = 4,
            ["MessageReceived"] = 5,
            ["TokenValidated"] = 3,
            ["RefreshTokenReused"] = 1,
            ["AuthenticationFailed"] = 1,
            ["Challenge"] = 1,
        });
    }

    private sealed class CountingEvents : JwtAuthEvents
    {
        public Dictionary<string, int> Counts { get; } = [];

        public override Task MessageReceived(MessageReceivedContext context) => Count(nameof(MessageReceived));

        public override Task TokenValidated(TokenValidatedContext context) => Count(nameof(TokenValidated));

        public override Task AuthenticationFailed(AuthenticationFailedContext context) => Count(nameof(AuthenticationFailed));

        public override Task Challenge(JwtAuthChallengeContext context) => Count(nameof(Challenge));

        public override Task IssuingToken(IssuingTokenContext context) => Count(nameof(IssuingToken));

        public override Task RefreshTokenReused(RefreshTokenReusedContext context) => Count(nameof(RefreshTokenReused));

        private Task Count(string name)
        {
            lock (Counts)
            {
                Counts[name] = Counts.GetValueOrDefault(name) + 1;
            }

            return Task.CompletedTask;
        }
    }
}
