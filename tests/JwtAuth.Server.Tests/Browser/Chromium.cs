using System.Diagnostics;
using Microsoft.Playwright;

namespace JwtAuth.Server.Tests.Browser;

/// <summary>
/// Debian's chromium driven by Playwright (its own browser download cannot work here), started once
/// for the browser tests. <c>JWTAUTH_CHROMIUM</c> names another executable. Without one the tests
/// skip, except under CI (<c>CI=true</c>), where that fails. Screenshots go to
/// <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutableVariable = "JWTAUTH_CHROMIUM";

    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public string? SkipReason { get; private set; }

    /// <summary>Where the tests save their screenshots (<c>screenshots/</c> next to the test assembly).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable)
            ?? new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
        if (executable is null || !File.Exists(executable))
        {
            SkipReason = $"No chromium found (${ExecutableVariable}, /usr/bin/chromium): apt-get install chromium.";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Chromium's sandbox needs user namespaces, which containers and root (CI) do not give.
            Args = ["--no-sandbox"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>The browser, or a skip (a failure under CI) when there is none.</summary>
    public IBrowser Require()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        if (Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"))
        {
            throw new InvalidOperationException($"CI={ci}: {SkipReason}");
        }

        Skip.If(true, SkipReason);
        throw new UnreachableException();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
