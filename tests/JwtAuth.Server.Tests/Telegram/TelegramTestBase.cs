using System.Net;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>A server with two Telegram bots configured, and the calls the Telegram tests share.</summary>
public abstract class TelegramTestBase : IAsyncLifetime
{
    protected const long TelegramId = 424242;

    protected TestServerHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected DateTimeOffset Now => Host.Time.GetUtcNow();

    protected virtual bool AllowSignUp => false;

    public async Task InitializeAsync()
    {
        Host = await TestServerHost.StartAsync(TelegramPayloads.Settings(AllowSignUp));
        Client = Host.CreateClient();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Creates the users every test of the class starts from.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    protected Task<ApiResponse> WidgetSignInAsync(object payload) => Client.PostJsonAsync("/api/telegram/login/", payload);

    protected Task<ApiResponse> MiniAppSignInAsync(string initData) => Client.PostJsonAsync("/api/telegram/webapp/", new { init_data = initData });

    /// <summary>Registers a user, links <paramref name="telegramId"/> from a password session, and ends that session.</summary>
    protected async Task<string> RegisterLinkedAsync(string userName, long telegramId = TelegramId)
    {
        var userId = await Host.RegisterAsync(userName);
        var (access, _) = await Host.LoginAsync(userName);
        // Signed a little earlier than the sign-ins the tests make, so that those are not replays of it.
        var link = await Client.PostJsonAsync("/api/telegram/link/", TelegramPayloads.Widget(telegramId, Now.AddSeconds(-30)), access);
        link.Status.ShouldBe(HttpStatusCode.OK, link.ToString());
        (await Client.PostJsonAsync("/api/logout/", null, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        return userId;
    }

    protected static string Access(ApiResponse response)
    {
        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
        return response.Field("access");
    }

    protected static JsonElement[] Sessions(ApiResponse list)
    {
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        return [.. list.Json.EnumerateArray()];
    }
}
