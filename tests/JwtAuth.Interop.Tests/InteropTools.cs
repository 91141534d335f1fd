using System.Diagnostics;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Interop.Tests;

/// <summary>
/// The real verifiers of other stacks, run as processes: Debian's python3 (PyJWT, Django, SimpleJWT)
/// and node with jose from npm. A missing tool skips the test locally and fails it under CI
/// (<c>CI=true</c>), where .ci/run installs them.
/// </summary>
public static class InteropTools
{
    /// <summary>Debian's interpreter: the one the python3-jwt and python3-djangorestframework-simplejwt packages install into.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The jose release the tests verify with.</summary>
    public const string JoseVersion = "6.2.18";

    private static readonly SemaphoreSlim JoseInstall = new(1, 1);

    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "Scripts", name);

    /// <summary>The peer's Django project (shared/peer/django beside the repository), whose settings the Django test uses.</summary>
    public static string PeerDjangoDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "peer", "django");
            if (File.Exists(Path.Combine(candidate, "peerproj", "settings.py")))
            {
                return candidate;
            }
        }

        Require(false, "The SimpleJWT peer's Django project (shared/peer/django beside the repository) was not found.");
        return "";
    }

    /// <summary>Skips when <paramref name="available"/> is false, except under CI, where that fails.</summary>
    public static void Require(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"))
        {
            throw new InvalidOperationException($"CI={ci}: {reason}");
        }

        Skip.If(true, reason);
    }

    /// <summary>Requires Debian's python3 with the given modules importable.</summary>
    public static async Task RequirePythonModulesAsync(string modules, string packages)
    {
        var available = File.Exists(Python) && (await RunAsync(Python, null, "-c", $"import {modules}")).ExitCode == 0;
        Require(available, $"{Python} cannot import {modules} (apt-get install {packages}).");
    }

    /// <summary>A directory where <c>import "jose"</c> resolves, installed once per machine from npm.</summary>
    public static async Task<string> JoseDirectoryAsync()
    {
        var node = OnPath("node");
        var npm = OnPath("npm");
        Require(node is not null && npm is not null, "node and npm are needed for the jose tests (apt-get install nodejs npm).");
        var directory = Path.Combine(Path.GetTempPath(), $"jwtauth-interop-jose-{JoseVersion}");
        await JoseInstall.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(directory, "node_modules", "jose", "package.json")))
            {
                Directory.CreateDirectory(directory);
                await File.WriteAllTextAsync(Path.Combine(directory, "package.json"), "{\"private\": true, \"type\": \"module\"}");
                var install = await RunAsync(npm!, directory, "install", "--no-audit", "--no-fund", "--silent", $"jose@{JoseVersion}");
                install.ExitCode.ShouldBe(0, $"npm install jose@{JoseVersion} failed:\n{install.Output}");
            }

            File.Copy(ScriptPath("jose_verify.mjs"), Path.Combine(directory, "jose_verify.mjs"), overwrite: true);
            return directory;
        }
        finally
        {
            JoseInstall.Release();
        }
    }

    /// <summary>Runs a process to its end (at most two minutes); its standard output and error together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string? workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName);
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var (exitCode, output, error) = await TestProcess.RunAsync(info, TimeSpan.FromMinutes(2));
        return (exitCode, output + error);
    }

    private static string? OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
