using JwtAuth.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.Tests.Hosting;

public sealed class StartupChecksTests
{
    [Fact]
    public async Task StartUp_WithoutAUserService_FailsNamingUseUsers()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestApp.StartAsync(services => services.AddJwtAuth().UseSessionStore<InMemorySessionStore>()));

        error.Message.ShouldContain("JwtAuth has no user service: call .UseUsers<TService>()");
    }

    [Fact]
    public async Task StartUp_WithoutASessionStore_FailsNamingUseEntityFrameworkCore()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(() =>
            TestApp.StartAsync(services => services.AddJwtAuth().UseUsers<FakeUsers>()));

        error.Message.ShouldContain("JwtAuth has no session store: call .UseEntityFrameworkCore<TContext>()");
    }

    [Fact]
    public async Task HostWithACookieDefaultScheme_KeepsIt_WhenJwtAuthIsAddedAsAScheme()
    {
        await using var app = await TestApp.StartAsync(
            services => services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie()
                .AddJwtAuth("Api").UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>(),
            scheme: "Api");

        var schemes = app.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name.ShouldBe(CookieAuthenticationDefaults.AuthenticationScheme);
        var (access, _) = await app.LoginAsync(TestApp.NewUser());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", access);
        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await client.PostAsync("/api/logout/", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.ResetContent);
        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AddJwtAuth_AfterAHostsOwnDefault_DoesNotTakeItOver()
    {
        await using var app = await TestApp.StartAsync(services =>
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
        });

        var schemes = app.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name.ShouldBe(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    [Fact]
    public async Task AddJwtAuth_InAnAppWithoutADefault_BecomesTheDefault()
    {
        await using var app = await TestApp.StartAsync();

        var schemes = app.App.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        (await schemes.GetDefaultAuthenticateSchemeAsync())!.Name.ShouldBe(JwtAuthDefaults.AuthenticationScheme);
    }
}
