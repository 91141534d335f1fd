using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>Sessions started from Telegram are sessions like any other, and the link that leads to them.</summary>
public sealed class TelegramSessionTests : TelegramTestBase
{
    [Fact]
    public async Task WidgetAndMiniApp_ForOneLinkedUser_ListTwoSessions_AndLogoutAllRefusesBothAccessTokensAtOnce()
    {
        await RegisterLinkedAsync("ada");
        var website = Access(await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now)));
        var bot = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));

        var sessions = Sessions(await Client.GetAsync("/api/sessions/", bot));
        sessions.Length.ShouldBe(2);
        sessions.Select(session => session.GetProperty("sign_in_method").GetString()).Order().ShouldBe(["telegram_mini_app", "telegram_widget"]);

        (await Client.PostJsonAsync("/api/logout/all/", null, bot)).Status.ShouldBe(HttpStatusCode.ResetContent);

        foreach (var access in new[] { website, bot })
        {
            var refused = await Client.GetAsync(TestServerHost.ProtectedPath, access);
            refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
            refused.Code.ShouldBe("token_not_valid");
        }
    }

    [Fact]
    public async Task TelegramSession_EndedOneByOne_RefusesItsAccessTokenAndRefreshToken()
    {
        await RegisterLinkedAsync("ada");
        var website = await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now));
        var bot = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));
        var websiteSession = Sessions(await Client.GetAsync("/api/sessions/", bot))
            .Single(session => session.GetProperty("sign_in_method").GetString() == "telegram_widget").GetProperty("id").GetString();

        (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/sessions/{websiteSession}/"), bot)).Status.ShouldBe(HttpStatusCode.NoContent);

        (await Client.GetAsync(TestServerHost.ProtectedPath, Access(website))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = website.Field("refresh") })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync(TestServerHost.ProtectedPath, bot)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordChange_EndsTheTelegramSessions()
    {
        await RegisterLinkedAsync("ada");
        var bot = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));
        var (password, _) = await Host.LoginAsync("ada");

        var change = await Client.PostJsonAsync("/api/password/change/", new { old_password = "password-1234", new_password = "another-password-5678" }, password);

        change.Status.ShouldBe(HttpStatusCode.NoContent, change.ToString());
        (await Client.GetAsync(TestServerHost.ProtectedPath, bot)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        Sessions(await Client.GetAsync("/api/sessions/", password)).ShouldHaveSingleItem().GetProperty("sign_in_method").GetString().ShouldBe("password");
    }

    [Fact]
    public async Task TelegramSession_Refreshes_AndKeepsItsSignInMethod()
    {
        await RegisterLinkedAsync("ada");
        var bot = await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now));

        var refreshed = await Client.PostJsonAsync("/api/token/refresh/", new { refresh = bot.Field("refresh") });

        Sessions(await Client.GetAsync("/api/sessions/", Access(refreshed))).ShouldHaveSingleItem().GetProperty("sign_in_method").GetString().ShouldBe("telegram_mini_app");
    }

    [Fact]
    public async Task DisabledAccount_EndsItsTelegramSessions_AndIsRefusedAsALoginIs()
    {
        await RegisterLinkedAsync("ada");
        var bot = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));
        using (var scope = Host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("ada", active: false))!.Succeeded.ShouldBeTrue();
        }

        (await Client.GetAsync(TestServerHost.ProtectedPath, bot)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now));
        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Code.ShouldBe("no_active_account");
    }

    [Fact]
    public async Task UnlinkedTelegramUser_IsRefusedAsNotLinked()
    {
        await Host.RegisterAsync("ada");

        var response = await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now));

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Code.ShouldBe("telegram_not_linked");
    }

    [Fact]
    public async Task Link_ShowsTheLink_AndUnlinkEndsSignIn()
    {
        await Host.RegisterAsync("ada");
        var (access, _) = await Host.LoginAsync("ada");
        (await Client.GetAsync("/api/telegram/link/", access)).Status.ShouldBe(HttpStatusCode.NotFound);

        var link = await Client.PostJsonAsync("/api/telegram/link/", new { init_data = TelegramPayloads.InitData(TelegramId, Now) }, access);

        link.Status.ShouldBe(HttpStatusCode.OK, link.ToString());
        link.Json.GetProperty("telegram_id").GetInt64().ShouldBe(TelegramId);
        (await Client.GetAsync("/api/telegram/link/", access)).Json.GetProperty("telegram_id").GetInt64().ShouldBe(TelegramId);
        Access(await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now)));

        using var unlink = new HttpRequestMessage(HttpMethod.Delete, "/api/telegram/link/");
        (await Client.SendAsync(unlink, access)).Status.ShouldBe(HttpStatusCode.NoContent);

        (await Client.GetAsync("/api/telegram/link/", access)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now.AddSeconds(1)))).Code.ShouldBe("telegram_not_linked");
    }

    [Fact]
    public async Task Link_OfATelegramUserLinkedElsewhere_IsAConflict()
    {
        await RegisterLinkedAsync("ada");
        await Host.RegisterAsync("mallory");
        var (access, _) = await Host.LoginAsync("mallory");

        var link = await Client.PostJsonAsync("/api/telegram/link/", TelegramPayloads.Widget(TelegramId, Now.AddSeconds(1)), access);

        link.Status.ShouldBe(HttpStatusCode.Conflict);
        link.Code.ShouldBe("telegram_already_linked");
        (await Client.GetAsync("/api/me/", Access(await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now.AddSeconds(2)))))).Field("username").ShouldBe("ada");
    }

    [Fact]
    public async Task Link_OfASecondTelegramUser_IsAConflict()
    {
        await RegisterLinkedAsync("ada");
        var (access, _) = await Host.LoginAsync("ada");

        var link = await Client.PostJsonAsync("/api/telegram/link/", TelegramPayloads.Widget(TelegramId + 1, Now), access);

        link.Status.ShouldBe(HttpStatusCode.Conflict);
        link.Code.ShouldBe("telegram_already_linked");
    }

    [Fact]
    public async Task Link_WithAForgedPayload_IsRefused_AndRequiresAuthentication()
    {
        await Host.RegisterAsync("ada");
        var (access, _) = await Host.LoginAsync("ada");

        (await Client.PostJsonAsync("/api/telegram/link/", TelegramPayloads.Widget(TelegramId, Now, TelegramPayloads.UnconfiguredBotToken), access)).Code.ShouldBe("telegram_bad_signature");
        (await Client.PostJsonAsync("/api/telegram/link/", TelegramPayloads.Widget(TelegramId, Now))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync("/api/telegram/link/", access)).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>With <c>AllowSignUp</c>, a first Telegram sign-in creates the account.</summary>
public sealed class TelegramSignUpTests : TelegramTestBase
{
    protected override bool AllowSignUp => true;

    [Fact]
    public async Task FirstSignIn_CreatesAnAccount_ThatLaterSignInsFromEitherKindReach()
    {
        var first = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));
        var again = Access(await WidgetSignInAsync(TelegramPayloads.Widget(TelegramId, Now)));

        var me = await Client.GetAsync("/api/me/", first);
        me.Field("username").ShouldBe($"telegram_{TelegramId}");
        (await Client.GetAsync("/api/me/", again)).Field("id").ShouldBe(me.Field("id"));
        Sessions(await Client.GetAsync("/api/sessions/", again)).Length.ShouldBe(2);
        (await Client.GetAsync("/api/telegram/link/", again)).Json.GetProperty("telegram_id").GetInt64().ShouldBe(TelegramId);
    }

    [Fact]
    public async Task Unlink_OfAnAccountWithoutPassword_IsRefused()
    {
        var access = Access(await MiniAppSignInAsync(TelegramPayloads.InitData(TelegramId, Now)));
        using var unlink = new HttpRequestMessage(HttpMethod.Delete, "/api/telegram/link/");

        var response = await Client.SendAsync(unlink, access);

        response.Status.ShouldBe(HttpStatusCode.Conflict);
        response.Code.ShouldBe("telegram_only_sign_in");
    }
}
