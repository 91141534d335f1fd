using System.Net;
using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>How the Telegram sign-in is configured, limited and logged.</summary>
public sealed class TelegramHostingTests
{
    private const long TelegramId = 777;

    [Fact]
    public async Task WithoutABotToken_TheTelegramEndpointsAreAbsent()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:Telegram:BotToken"] = "" });
        using var client = host.CreateClient();

        foreach (var path in new[] { "/api/telegram/login/", "/api/telegram/webapp/", "/api/telegram/link/" })
        {
            (await client.PostJsonAsync(path, TelegramPayloads.Widget(TelegramId, host.Time.GetUtcNow()))).Status.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task OneBotToken_AsAPlainString_IsTheOnlyBotAccepted()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:Telegram:BotToken"] = TelegramPayloads.BotToken });
        using var client = host.CreateClient();
        var now = host.Time.GetUtcNow();

        (await client.PostJsonAsync("/api/telegram/login/", TelegramPayloads.Widget(TelegramId, now))).Code.ShouldBe("telegram_not_linked");
        (await client.PostJsonAsync("/api/telegram/login/", TelegramPayloads.Widget(TelegramId, now, TelegramPayloads.SecondBotToken))).Code.ShouldBe("telegram_bad_signature");
    }

    [Theory]
    [InlineData("JwtAuth:Telegram:BotToken:1", "1000009:short", "JwtAuth:Telegram:BotToken entry 1 is not a bot token")]
    [InlineData("JwtAuth:Telegram:BotToken:1", TelegramPayloads.BotToken, "lists the same bot token twice")]
    [InlineData("JwtAuth:Telegram:MaxAge", "2.00:00:00", "JwtAuth:Telegram:MaxAge must be positive and at most one day")]
    [InlineData("JwtAuth:Telegram:MaxAge", "00:00:00", "JwtAuth:Telegram:MaxAge must be positive and at most one day")]
    [InlineData("JwtAuth:Telegram:ReplayCacheSize", "0", "JwtAuth:Telegram:ReplayCacheSize must be a positive number")]
    public async Task Start_WithSettingsThatCannotWork_StopsNamingTheSettingButNotTheToken(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["JwtAuth:Telegram:BotToken:0"] = TelegramPayloads.BotToken, [key] = value };

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => TestServerHost.StartAsync(settings));

        failure.Message.ShouldContain(message);
        failure.Message.ShouldNotContain(TelegramPayloads.BotToken.Split(':')[1]);
        failure.Message.ShouldNotContain("short");
    }

    [Fact]
    public async Task TelegramSignIn_IsLimitedPerAddressLikeALogin()
    {
        var settings = TelegramPayloads.Settings();
        settings["RateLimiting:LoginPermitsPerMinute"] = "2";
        await using var host = await RateLimitTests.StartAsync(settings);
        using var client = host.CreateClient("203.0.113.7");
        using var other = host.CreateClient("203.0.113.8");
        var now = host.Time.GetUtcNow();

        (await client.PostJsonAsync("/api/telegram/login/", TelegramPayloads.Widget(TelegramId, now))).Code.ShouldBe("telegram_not_linked");
        (await client.PostJsonAsync("/api/telegram/webapp/", new { init_data = TelegramPayloads.InitData(TelegramId, now) })).Code.ShouldBe("telegram_not_linked");
        var refused = await client.PostJsonAsync("/api/telegram/webapp/sliding/", new { init_data = TelegramPayloads.InitData(TelegramId, now.AddSeconds(-1)) });

        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Code.ShouldBe("throttled");
        (await other.PostJsonAsync("/api/telegram/login/sliding/", TelegramPayloads.Widget(TelegramId, now.AddSeconds(-1)))).Code.ShouldBe("telegram_not_linked");
    }

    [Fact]
    public async Task BotTokensKeysAndHashes_NeverAppearInTheLogs_WhileSignInsAndRefusalsAreLogged()
    {
        var settings = TelegramPayloads.Settings(allowSignUp: true);
        settings["Logging:LogLevel:Default"] = "Trace";
        await using var host = await TestServerHost.StartAsync(settings, services: services => services.AddFakeLogging());
        using var client = host.CreateClient();
        var now = host.Time.GetUtcNow();
        var widget = TelegramPayloads.Widget(TelegramId, now);
        var initData = TelegramPayloads.InitData(TelegramId, now);

        (await client.PostJsonAsync("/api/telegram/login/", widget)).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/telegram/login/", widget)).Code.ShouldBe("telegram_replayed");
        (await client.PostJsonAsync("/api/telegram/webapp/", new { init_data = initData })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/telegram/webapp/", new { init_data = TelegramPayloads.InitData(TelegramId, now, TelegramPayloads.UnconfiguredBotToken) })).Code.ShouldBe("telegram_bad_signature");

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        logs.Select(record => record.Id.Id).ShouldContain(420);
        logs.Select(record => record.Id.Id).ShouldContain(421);
        logs.Select(record => record.Id.Id).ShouldContain(423);
        logs.Select(record => record.Id.Id).ShouldContain(424);
        var secrets = new[]
        {
            TelegramPayloads.BotToken.Split(':')[1],
            TelegramPayloads.SecondBotToken.Split(':')[1],
            TelegramPayloads.UnconfiguredBotToken.Split(':')[1],
            (string)widget["hash"],
            initData[(initData.IndexOf("hash=", StringComparison.Ordinal) + 5)..],
        };
        foreach (var record in logs)
        {
            var text = record.Message + " " + string.Join(' ', record.StructuredState?.Select(pair => pair.Value) ?? []) + " " + record.Exception;
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret, Case.Insensitive);
            }
        }
    }

    [Fact]
    public async Task FullReplayCache_RefusesNewSignIns_AndEvictsNothingThatCouldBeReplayed()
    {
        var settings = TelegramPayloads.Settings(allowSignUp: true);
        settings["JwtAuth:Telegram:ReplayCacheSize"] = "1";
        await using var host = await TestServerHost.StartAsync(settings);
        using var client = host.CreateClient();
        var now = host.Time.GetUtcNow();
        var first = TelegramPayloads.Widget(TelegramId, now);

        (await client.PostJsonAsync("/api/telegram/login/", first)).Status.ShouldBe(HttpStatusCode.OK);
        var full = await client.PostJsonAsync("/api/telegram/login/", TelegramPayloads.Widget(TelegramId, now.AddSeconds(-1)));

        full.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, full.ToString());
        full.Code.ShouldBe("service_unavailable");
        (await client.PostJsonAsync("/api/telegram/login/", first)).Code.ShouldBe("telegram_replayed");
    }
}
