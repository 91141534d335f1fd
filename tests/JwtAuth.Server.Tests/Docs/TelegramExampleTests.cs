using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Tests.Telegram;

namespace JwtAuth.Server.Tests.Docs;

/// <summary>
/// The bot-side example of docs/telegram.md runs as written: its bash block against the built
/// server with a test bot configured and sign-up on, given initData signed for that bot as a Mini
/// App would send it. The block checks every answer itself under <c>set -euo pipefail</c>.
/// </summary>
public sealed class TelegramExampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-telegram-example-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task BotExample_RunsAsPasted_AgainstARealServer()
    {
        ReadmeWalkthroughTests.RequireTools();
        var markdown = File.ReadAllText(Path.Combine(ReadmeWalkthroughTests.RepositoryRoot(), "docs", "telegram.md"));
        var script = ReadmeWalkthroughTests.BashBlockAfter(markdown, "## The bot's backend: exchange initData for tokens, then refresh");
        var scriptPath = Path.Combine(_directory, "bot.sh");
        File.WriteAllText(scriptPath, script);

        await using var server = await ReadmeWalkthroughTests.StartAsDotnetRunAsync(_directory, new Dictionary<string, string>
        {
            ["JwtAuth__Telegram__BotToken"] = TelegramPayloads.BotToken,
            ["JwtAuth__Telegram__AllowSignUp"] = "true",
        });

        var (exitCode, output, trace) = await ReadmeWalkthroughTests.RunBashAsync(_directory, scriptPath, new Dictionary<string, string>
        {
            ["BASE"] = server.BaseAddress,
            ["INIT_DATA"] = TelegramPayloads.InitData(31337, DateTimeOffset.UtcNow),
        });

        var report = $"exit {exitCode}\n--- stdout\n{output}\n--- bash -x\n{trace}\n--- server\n{server.Output}";
        exitCode.ShouldBe(0, report);
        output.ShouldContain("\"username\": \"telegram_31337\"", customMessage: report);
        output.TrimEnd().ShouldEndWith("bot example done", customMessage: report);
        server.Output.ShouldNotContain(TelegramPayloads.BotToken.Split(':')[1], customMessage: "the bot token was logged");
    }
}
