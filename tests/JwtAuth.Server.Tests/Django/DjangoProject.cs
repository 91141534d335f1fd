using System.Diagnostics;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Django;

/// <summary>
/// A Django 3.2 + SimpleJWT 5.2 project's database made by the real Django (Debian's python3-django,
/// python3-djangorestframework-simplejwt, python3-argon2, python3-bcrypt, and python3-psycopg2 for
/// PostgreSQL) with <c>make_django_db.py</c>: a user per Django hasher, a staff user, an inactive
/// one, and refresh tokens SimpleJWT issued with the tests' signing key (outstanding, blacklisted).
/// </summary>
public sealed class DjangoProject
{
    private const string Python = "/usr/bin/python3";

    private static readonly string[] Modules = ["django", "rest_framework_simplejwt", "argon2", "bcrypt"];

    private DjangoProject(JsonElement info, string? dumpDataPath)
    {
        Info = info;
        DumpDataPath = dumpDataPath;
    }

    private JsonElement Info { get; }

    /// <summary>The <c>manage.py dumpdata</c> file of the same database, when asked for.</summary>
    public string? DumpDataPath { get; }

    public IReadOnlyList<DjangoAccount> Users => [.. Info.GetProperty("users").EnumerateArray().Select(user => new DjangoAccount(
        user.GetProperty("username").GetString()!,
        user.GetProperty("password").GetString()!,
        user.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        user.GetProperty("hasher").GetString()!))];

    /// <summary>The Django id of the user the tokens belong to.</summary>
    public string OwnerId => Info.GetProperty("owner").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An outstanding refresh token.</summary>
    public string Refresh => Info.GetProperty("refresh").GetString()!;

    /// <summary>Another outstanding refresh token, for the concurrency test.</summary>
    public string Race => Info.GetProperty("race").GetString()!;

    /// <summary>A refresh token blacklisted in Django.</summary>
    public string Blacklisted => Info.GetProperty("blacklisted").GetString()!;

    /// <summary>The access token SimpleJWT issued with <see cref="Refresh"/>.</summary>
    public string Access => Info.GetProperty("access").GetString()!;

    public static Task<DjangoProject> CreateSqliteAsync(string path, string? dumpDataPath = null) =>
        RunAsync(["sqlite", path, .. dumpDataPath is null ? Array.Empty<string>() : [dumpDataPath]], dumpDataPath);

    public static Task<DjangoProject> CreatePostgresAsync(int port, string database) =>
        RunAsync(["postgres", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), database], null, "psycopg2");

    /// <summary>Why the real Django cannot run here, or null. Under CI (<c>CI=true</c>) its absence fails the tests instead.</summary>
    public static string? MissingReason(params string[] extraModules)
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found (apt-get install python3 python3-django python3-djangorestframework-simplejwt python3-argon2 python3-bcrypt).";
        }

        var modules = Modules.Concat(extraModules).ToArray();
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", $"import {string.Join(", ", modules)}"]) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{Python} cannot import {string.Join(", ", modules)}: {process.StandardError.ReadToEnd().Trim().Split('\n')[^1]}";
    }

    /// <summary>Skips the test without the real Django; fails it under CI, which installs it.</summary>
    public static void EnsureAvailable(params string[] extraModules)
    {
        if (MissingReason(extraModules) is not { } reason)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") is { } ci && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1"))
        {
            throw new InvalidOperationException($"CI={ci}: {reason}");
        }

        Skip.If(true, reason);
    }

    private static async Task<DjangoProject> RunAsync(string[] args, string? dumpDataPath, params string[] extraModules)
    {
        EnsureAvailable(extraModules);
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Django", "make_django_db.py"));
        info.ArgumentList.Add(TestServerHost.SigningKey);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Debian's Django, whatever python3 an environment puts first on PATH.
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
        return new DjangoProject(JsonDocument.Parse(await output).RootElement.Clone(), dumpDataPath);
    }
}

/// <summary>A Django user: name, password, id, and the hasher its password was stored with.</summary>
public sealed record DjangoAccount(string UserName, string Password, string Id, string Hasher);
