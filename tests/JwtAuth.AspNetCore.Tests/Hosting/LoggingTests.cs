using System.Net;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Tests.Hosting;

public sealed class LoggingTests
{
    [Fact]
    public async Task ARefusedToken_IsLoggedOnce_AtInformation_WithoutTheToken()
    {
        await using var app = await TestApp.StartAsync();
        var (access, _) = await app.LoginAsync(TestApp.NewUser());
        var forged = access[..^4] + (access[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        (await client.GetAsync(TestApp.Protected)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var lines = app.Logs.Records.Where(r => r.Category.StartsWith("JwtAuth", StringComparison.Ordinal) && r.Level >= LogLevel.Information).ToList();
        lines.Count(r => r.Event.Name == "TokenRefused").ShouldBe(1, string.Join("\n", lines.Select(r => r.Category + " " + r.Event + " " + r.Message)));
        lines.Count.ShouldBe(1, string.Join("\n", lines.Select(r => r.Category + " " + r.Event + " " + r.Message)));
        lines[0].Level.ShouldBe(LogLevel.Information);
        var tokenStart = forged.Substring(0, 40);
        app.Logs.Records.ShouldNotContain(r => r.Message.Contains(tokenStart, StringComparison.Ordinal));
    }
}
