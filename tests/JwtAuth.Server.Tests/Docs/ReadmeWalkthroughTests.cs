using System.Diagnostics;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Docs;

/// <summary>
/// The README's walk-through runs as written: its bash block, taken from README.md, against the
/// built server started as <c>dotnet run</c> starts it (Development, a generated key), on a free
/// port given as <c>BASE</c>. The block checks every status itself (curl -f, expect, test) under
/// <c>set -euo pipefail</c>, so exit code 0 means every step answered as the comments say.
/// </summary>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    private static readonly string[] Tools = ["bash", "curl", "jq"];

    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-walkthrough-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task Walkthrough_RunsAsPasted_AgainstARealServer()
    {
        RequireTools();
        var script = BashBlockAfter(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")), "## Walk-through");
        script.ShouldContain("set -euo pipefail");
        script.ShouldContain("BASE=${BASE:-http://127.0.0.1:5000}");
        var scriptPath = Path.Combine(_directory, "walkthrough.sh");
        File.WriteAllText(scriptPath, script);

        await using var server = await StartAsDotnetRunAsync(_directory);

        var (exitCode, output, trace) = await RunBashAsync(_directory, scriptPath, new Dictionary<string, string> { ["BASE"] = server.BaseAddress });

        var report = $"exit {exitCode}\n--- stdout\n{output}\n--- bash -x\n{trace}\n--- server\n{server.Output}";
        exitCode.ShouldBe(0, report);
        output.ShouldContain("\"username\":\"alice\"", customMessage: report);   // registered: 201 on a new database
        output.TrimEnd().ShouldEndWith("walk-through done", customMessage: report);
    }

    /// <summary>
    /// The built server as <c>dotnet run</c> starts it (Development, a generated key, its own
    /// content root in <paramref name="directory"/>), with <paramref name="settings"/> added, ready.
    /// </summary>
    internal static async Task<ServerProcess> StartAsDotnetRunAsync(string directory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(directory, "app")).FullName;
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["JwtAuth__SigningKey"] = null,
            ["ConnectionStrings__Default"] = null,
            ["Logging__LogLevel__Default"] = null,
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var server = ServerProcess.Start(directory, environment, "--contentRoot", contentRoot);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The first fenced bash block after the heading <paramref name="title"/>.</summary>
    internal static string BashBlockAfter(string markdown, string title)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.IndexOf(lines, title);
        heading.ShouldBeGreaterThanOrEqualTo(0, $"no '{title}' heading");
        var open = Array.FindIndex(lines, heading, line => line.Trim() == "```bash");
        open.ShouldBeGreaterThan(heading, $"no ```bash block after '{title}'");
        var close = Array.FindIndex(lines, open + 1, line => line.Trim() == "```");
        close.ShouldBeGreaterThan(open, $"the ```bash block after '{title}' is not closed");
        return string.Join('\n', lines[(open + 1)..close]) + "\n";
    }

    /// <summary>Skips when bash, curl or jq is missing, except under CI (<c>CI=true</c>), where that fails.</summary>
    internal static void RequireTools()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var missing = Tools.Where(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool)))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var reason = $"The documentation's bash examples need {string.Join(", ", missing)} on PATH (apt-get install {string.Join(' ', missing)}).";
        if (Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"))
        {
            throw new InvalidOperationException($"CI={ci}: {reason}");
        }

        Skip.If(true, reason);
    }

    /// <summary>Runs the script with <c>bash -x</c> and <paramref name="environment"/>; 120 s at most.</summary>
    internal static async Task<(int ExitCode, string Output, string Trace)> RunBashAsync(string directory, string scriptPath, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory };
        foreach (var argument in (string[])["-x", scriptPath])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return await TestProcess.RunAsync(info, TimeSpan.FromSeconds(120));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JwtAuth.slnx")) && File.Exists(Path.Combine(directory.FullName, "README.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No JwtAuth.slnx with a README.md above {AppContext.BaseDirectory}.");
    }
}
