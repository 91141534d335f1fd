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
        var script = WalkthroughBlock(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
        script.ShouldContain("set -euo pipefail");
        script.ShouldContain("BASE=${BASE:-http://127.0.0.1:5000}");
        var scriptPath = Path.Combine(_directory, "walkthrough.sh");
        File.WriteAllText(scriptPath, script);

        var contentRoot = Directory.CreateDirectory(Path.Combine(_directory, "app")).FullName;
        await using var server = ServerProcess.Start(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["JwtAuth__SigningKey"] = null,
            ["ConnectionStrings__Default"] = null,
            ["Logging__LogLevel__Default"] = null,
        }, "--contentRoot", contentRoot);
        await server.WaitUntilReadyAsync();

        var (exitCode, output, trace) = await RunBashAsync(scriptPath, server.BaseAddress);

        var report = $"exit {exitCode}\n--- stdout\n{output}\n--- bash -x\n{trace}\n--- server\n{server.Output}";
        exitCode.ShouldBe(0, report);
        output.ShouldContain("\"username\":\"alice\"", customMessage: report);   // registered: 201 on a new database
        output.TrimEnd().ShouldEndWith("walk-through done", customMessage: report);
    }

    /// <summary>The first fenced bash block after the "## Walk-through" heading.</summary>
    internal static string WalkthroughBlock(string readme)
    {
        var lines = readme.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.IndexOf(lines, "## Walk-through");
        heading.ShouldBeGreaterThanOrEqualTo(0, "README.md has no '## Walk-through' heading");
        var open = Array.FindIndex(lines, heading, line => line.Trim() == "```bash");
        open.ShouldBeGreaterThan(heading, "no ```bash block after '## Walk-through'");
        var close = Array.FindIndex(lines, open + 1, line => line.Trim() == "```");
        close.ShouldBeGreaterThan(open, "the walk-through's ```bash block is not closed");
        return string.Join('\n', lines[(open + 1)..close]) + "\n";
    }

    /// <summary>Skips when bash, curl or jq is missing, except under CI (<c>CI=true</c>), where that fails.</summary>
    private static void RequireTools()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var missing = Tools.Where(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool)))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var reason = $"The README walk-through needs {string.Join(", ", missing)} on PATH (apt-get install {string.Join(' ', missing)}).";
        if (Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"))
        {
            throw new InvalidOperationException($"CI={ci}: {reason}");
        }

        Skip.If(true, reason);
    }

    private async Task<(int ExitCode, string Output, string Trace)> RunBashAsync(string scriptPath, string baseAddress)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = _directory };
        foreach (var argument in (string[])["-x", scriptPath])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["BASE"] = baseAddress;
        return await TestProcess.RunAsync(info, TimeSpan.FromSeconds(120));
    }

    private static string RepositoryRoot()
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
