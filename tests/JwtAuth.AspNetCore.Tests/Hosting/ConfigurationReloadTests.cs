using System.Net;
using System.Net.Http.Json;
using JwtAuth.Authentication;
using JwtAuth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Tests.Hosting;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public async Task JwtAuthSettingsChangedWhileRunning_AreRefusedWithAWarning_AndNothingChangesHalfway()
    {
        await using var app = await TestApp.StartAsync(services =>
        {
            services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
            // A host claim makes the access token longer than the limit about to be configured.
            services.Configure<JwtAuthSchemeOptions>(JwtAuthDefaults.AuthenticationScheme, o => o.Events.OnIssuingToken = context =>
            {
                context.AddClaim("profile", new string('p', 600));
                return Task.CompletedTask;
            });
        });
        var user = TestApp.NewUser();
        var (access, _) = await app.LoginAsync(user);
        access.Length.ShouldBeGreaterThan(600);

        // Before the snapshot, the handler read the lowered limit live and answered 500 for this token.
        app.Settings.Change("JwtAuth:MaxTokenLength", "512");
        app.Settings.Change("JwtAuth:AccessTokenLifetime", "1m");

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);
        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/token/verify/", new { token = access })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (again, _) = await app.LoginAsync(user);
        var claims = TestJwt.Claims(again);
        (claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64()).ShouldBe(300);
        app.Logs.Records.Count(r => r.Level == LogLevel.Warning && r.Message.Contains("configuration section changed while running")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task OtherSettingsChangedWhileRunning_AreNotReportedAsJwtAuthChanges()
    {
        await using var app = await TestApp.StartAsync();

        app.Settings.Change("Logging:LogLevel:Default", "Warning");

        app.Logs.Records.ShouldNotContain(r => r.Message.Contains("configuration section changed while running"));
    }
}
