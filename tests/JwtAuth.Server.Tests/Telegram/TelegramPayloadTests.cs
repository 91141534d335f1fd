using System.Net;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>What the Telegram endpoints accept and refuse, payload by payload; every refusal a 4xx with a code, never a 500.</summary>
public sealed class TelegramPayloadTests : TelegramTestBase
{
    protected override async Task SeedAsync() => await RegisterLinkedAsync("ada");

    [Fact]
    public async Task Widget_ValidPayload_SignsInAsTheLinkedUser()
    {
        var response = await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now));

        var access = Access(response);
        response.Field("refresh").ShouldNotBeNullOrEmpty();
        var sessions = Sessions(await Client.GetAsync("/api/sessions/", access));
        sessions.ShouldHaveSingleItem().GetProperty("sign_in_method").GetString().ShouldBe("telegram_widget");
        (await Client.GetAsync("/api/me/", access)).Field("username").ShouldBe("ada");
    }

    [Fact]
    public async Task MiniApp_ValidInitData_SignsInAsTheLinkedUser()
    {
        var response = await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now));

        var access = Access(response);
        Sessions(await Client.GetAsync("/api/sessions/", access)).ShouldHaveSingleItem().GetProperty("sign_in_method").GetString().ShouldBe("telegram_mini_app");
    }

    [Fact]
    public async Task SecondConfiguredBot_SignsInTheSameUser()
    {
        var widget = await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now, TelegramPayloads.SecondBotToken));
        var miniApp = await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now, TelegramPayloads.SecondBotToken));

        (await Client.GetAsync("/api/me/", Access(widget))).Field("username").ShouldBe("ada");
        (await Client.GetAsync("/api/me/", Access(miniApp))).Field("username").ShouldBe("ada");
    }

    [Fact]
    public async Task Sliding_AnswersASlidingTokenAsTokenSlidingDoes()
    {
        var widget = await Client.PostJsonAsync("/api/telegram/login/sliding/", TelegramPayloads.Widget(TelegramId, Now));
        var miniApp = await Client.PostJsonAsync("/api/telegram/webapp/sliding/", new { init_data = TelegramPayloads.InitData(TelegramId, Now) });

        foreach (var response in new[] { widget, miniApp })
        {
            response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
            response.Json.TryGetProperty("access", out _).ShouldBeFalse();
            (await Client.GetAsync("/api/me/", response.Field("token"))).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Widget_WrongHash_IsRefused()
    {
        var payload = TelegramPayloads.Widget(TelegramId, Now);
        payload["first_name"] = "Mallory";

        ShouldBeRefused(await WidgetSignInAsync(payload), HttpStatusCode.Unauthorized, "telegram_bad_signature");
    }

    [Fact]
    public async Task MiniApp_WrongHash_IsRefused()
    {
        var initData = TelegramPayloads.InitData(TelegramId, Now).Replace("Ada", "Eve", StringComparison.Ordinal);

        ShouldBeRefused(await MiniAppSignInAsync(initData), HttpStatusCode.Unauthorized, "telegram_bad_signature");
    }

    [Fact]
    public async Task PayloadOfAnotherBot_IsRefused()
    {
        ShouldBeRefused(
            await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now, TelegramPayloads.UnconfiguredBotToken)), HttpStatusCode.Unauthorized, "telegram_bad_signature");
        ShouldBeRefused(
            await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now, TelegramPayloads.UnconfiguredBotToken)), HttpStatusCode.Unauthorized, "telegram_bad_signature");
    }

    [Fact]
    public async Task WidgetData_SentAsMiniAppData_IsRefused()
    {
        // Same fields, same bot, but the widget's key: each kind verifies with its own derivation only.
        var widget = TelegramPayloads.Widget(TelegramId, Now);
        var asQuery = string.Join('&', widget.Select(field => $"{field.Key}={Uri.EscapeDataString(Convert.ToString(field.Value, System.Globalization.CultureInfo.InvariantCulture)!)}"));
        var user = Uri.EscapeDataString(JsonSerializer.Serialize(new { id = TelegramId }));

        ShouldBeRefused(await MiniAppSignInAsync(asQuery + "&user=" + user), HttpStatusCode.Unauthorized, "telegram_bad_signature");
    }

    [Fact]
    public async Task StaleAuthDate_IsRefused()
    {
        var authDate = Now;
        var widget = TelegramPayloads.Widget(TelegramId, authDate);
        var initData = TelegramPayloads.InitData(TelegramId, authDate);
        Host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        ShouldBeRefused(await WidgetSignInAsync(widget), HttpStatusCode.Unauthorized, "telegram_expired");
        ShouldBeRefused(await MiniAppSignInAsync(initData), HttpStatusCode.Unauthorized, "telegram_expired");
    }

    [Fact]
    public async Task AuthDateAtTheEndOfTheWindow_IsAccepted()
    {
        var authDate = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds());
        var widget = TelegramPayloads.Widget(TelegramId, authDate);
        Host.Time.Advance(authDate + TimeSpan.FromMinutes(5) - Now);

        Access(await WidgetSignInAsync(widget));
    }

    [Fact]
    public async Task AuthDateInTheFuture_IsRefused()
    {
        ShouldBeRefused(
            await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now.AddMinutes(2))), HttpStatusCode.Unauthorized, "telegram_expired");
    }

    [Fact]
    public async Task ReplayedPayload_IsRefusedWithinTheWindow()
    {
        var widget = TelegramPayloads.Widget(TelegramId, Now);
        var initData = TelegramPayloads.InitData(TelegramId, Now);
        Access(await WidgetSignInAsync(widget));
        Access(await MiniAppSignInAsync(initData));
        Host.Time.Advance(TimeSpan.FromMinutes(4));

        ShouldBeRefused(await WidgetSignInAsync(widget), HttpStatusCode.Unauthorized, "telegram_replayed");
        ShouldBeRefused(await MiniAppSignInAsync(initData), HttpStatusCode.Unauthorized, "telegram_replayed");
        // Past the window the same payload is too old, so forgetting it opens nothing.
        Host.Time.Advance(TimeSpan.FromMinutes(2));
        ShouldBeRefused(await WidgetSignInAsync(widget), HttpStatusCode.Unauthorized, "telegram_expired");
    }

    [Fact]
    public async Task ConcurrentUsesOfOnePayload_SignInOnce()
    {
        var initData = TelegramPayloads.InitData(TelegramId, Now);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MiniAppSignInAsync(initData)));

        responses.Count(response => response.Status == HttpStatusCode.OK).ShouldBe(1);
        responses.Where(response => response.Status != HttpStatusCode.OK).ShouldAllBe(response => response.Code == "telegram_replayed");
    }

    internal static void ShouldBeRefused(ApiResponse response, HttpStatusCode status, string code)
    {
        response.Status.ShouldBe(status, response.ToString());
        response.ContentType.ShouldBe("application/problem+json");
        response.Code.ShouldBe(code, response.ToString());
        response.Detail.ShouldNotBeNullOrEmpty();
    }
}
