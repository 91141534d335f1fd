using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JwtAuth.Server.Tests.Docs;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>
/// The operations guide's promise: <c>dotnet-counters</c> shows JwtAuth's instruments from a running
/// server with no exporter configured. The real tool (the repository's tool manifest) attaches to the
/// real server process while it issues tokens.
/// </summary>
public sealed class DotnetCountersTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-counters-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DotnetCounters_ShowsTheJwtAuthMeter_OfARunningServer_WithoutAnExporter()
    {
        var root = ReadmeWalkthroughTests.RepositoryRoot();
        var restore = await TestProcess.RunAsync(Dotnet(root, "tool", "restore"), TimeSpan.FromMinutes(3));
        restore.ExitCode.ShouldBe(0, restore.StandardOutput + restore.StandardError);

        await using var server = await ReadmeWalkthroughTests.StartAsDotnetRunAsync(_directory, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = string.Empty,
            ["RateLimiting__Enabled"] = "false",
        });
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress) };
        (await client.PostJsonAsync("/api/register/", new { username = "carol", password = "carol-password-1" })).Status.ShouldBe(HttpStatusCode.Created);

        var output = Path.Combine(_directory, "counters.json");
        var collect = TestProcess.RunAsync(
            Dotnet(root, "dotnet-counters", "collect", "-p", server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--counters", "JwtAuth", "--format", "json", "-o", output, "--duration", "00:00:05", "--refresh-interval", "1"),
            TimeSpan.FromMinutes(1));
        // Logins spread over the collection window, so some land after the tool has attached.
        for (var i = 0; i < 8 && !collect.IsCompleted; i++)
        {
            (await client.PostJsonAsync("/api/token/", new { username = "carol", password = "carol-password-1" })).Status.ShouldBe(HttpStatusCode.OK);
            await Task.Delay(500);
        }

        var (exitCode, standardOutput, standardError) = await collect;
        exitCode.ShouldBe(0, standardOutput + standardError);
        using var document = JsonDocument.Parse(File.ReadAllText(output));
        var seen = document.RootElement.GetProperty("Events").EnumerateArray()
            .Where(e => e.GetProperty("provider").GetString() == "JwtAuth")
            .Select(e => $"{e.GetProperty("name").GetString()} [{e.GetProperty("tags").GetString()}]")
            .ToHashSet();
        var report = string.Join('\n', seen);
        seen.ShouldContain(name => name.StartsWith("jwtauth.tokens.issued", StringComparison.Ordinal) && name.EndsWith("[token_type=access]", StringComparison.Ordinal), report);
        seen.ShouldContain(name => name.StartsWith("jwtauth.revocation.registry.size", StringComparison.Ordinal), report);
    }

    private static ProcessStartInfo Dotnet(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
