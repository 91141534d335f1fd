using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JwtAuth.Problems;
using JwtAuth.Testing;
using JwtAuth.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Tests.Localization;

/// <summary>A host that opts in with <c>UseRequestLocalization(o =&gt; o.AddJwtAuthUICultures())</c> gets JwtAuth's texts in the client's language.</summary>
public sealed class RequestLocalizationTests
{
    private static async Task<WebApplication> StartAsync(bool localize)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration["JwtAuth:SigningKey"] = TestOptions.Hs256Key;
        builder.Services.AddSingleton<InMemorySessionStore>();
        builder.Services.AddJwtAuth().UseUsers<FakeUsers>().UseSessionStore<InMemorySessionStore>();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        if (localize)
        {
            app.UseRequestLocalization(options => options.SetDefaultCulture("en").AddJwtAuthUICultures());
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapJwtAuthEndpoints();
        app.MapGet("/protected", () => "ok").RequireAuthorization();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> SendAsync(WebApplication app, HttpRequestMessage request, string acceptLanguage, HttpStatusCode expected)
    {
        using var client = app.GetTestClient();
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task WrongPassword_InRussian_AnswersRussian_WithTheSameCode()
    {
        await using var app = await StartAsync(localize: true);
        var user = FakeUsers.Add("user-" + Guid.NewGuid().ToString("N")[..8], "secret-password").UserName;

        var body = await SendAsync(app, new HttpRequestMessage(HttpMethod.Post, "/api/token/") { Content = JsonContent.Create(new { username = user, password = "wrong" }) }, "ru", HttpStatusCode.Unauthorized);

        body.GetProperty("detail").GetString().ShouldBe("Не найдено активной учётной записи с указанными учётными данными");
        body.GetProperty("code").GetString().ShouldBe(JwtAuthErrorCodes.NoActiveAccount);
    }

    [Fact]
    public async Task NoCredentials_InGermanSwiss_AnswersTheGermanText()
    {
        await using var app = await StartAsync(localize: true);

        var body = await SendAsync(app, new HttpRequestMessage(HttpMethod.Get, "/protected"), "de-CH", HttpStatusCode.Unauthorized);

        body.GetProperty("detail").GetString().ShouldBe("Anmeldedaten fehlen.");
        body.GetProperty("code").GetString().ShouldBe(JwtAuthErrorCodes.NotAuthenticated);
    }

    [Fact]
    public async Task AHostWithoutRequestLocalization_AnswersEnglish()
    {
        await using var app = await StartAsync(localize: false);

        var body = await SendAsync(app, new HttpRequestMessage(HttpMethod.Get, "/protected"), "ru", HttpStatusCode.Unauthorized);

        body.GetProperty("detail").GetString().ShouldBe(JwtAuthMessages.NotAuthenticated);
    }

    [Fact]
    public void AddJwtAuthUICultures_KeepsTheHostsCultures_AndAddsEachOfOursOnce()
    {
        var options = new RequestLocalizationOptions().AddSupportedUICultures("ja", "ru");

        options.AddJwtAuthUICultures().AddJwtAuthUICultures();

        var names = options.SupportedUICultures!.Select(culture => culture.Name).ToList();
        names.Take(2).ShouldBe(["ja", "ru"]);
        names.ShouldBe(names.Distinct().ToList());
        foreach (var name in JwtAuthCultures.Names)
        {
            names.ShouldContain(CultureInfo.GetCultureInfo(name).Name);
        }
    }

    [Fact]
    public void Translate_OnceACultureIsCached_AllocatesNothing()
    {
        var translations = JwtAuthMessages.Translations;
        var russian = CultureInfo.GetCultureInfo("ru");
        var english = CultureInfo.GetCultureInfo("en");
        translations.TranslateFor(russian, JwtAuthMessages.TokenBlacklisted);
        translations.TranslateFor(english, JwtAuthMessages.TokenBlacklisted);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            translations.TranslateFor(russian, JwtAuthMessages.NotValidForAnyType);
            translations.TranslateFor(english, JwtAuthMessages.NotValidForAnyType);
            translations.TranslateFor(CultureInfo.InvariantCulture, JwtAuthMessages.NotValidForAnyType);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
