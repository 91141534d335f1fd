using System.Diagnostics;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>
/// Runs the built server binary once (<c>dotnet JwtAuth.Server.dll ARGS</c>) as an operator does,
/// with standard input closed, and returns its exit code and output. A run that does not end in
/// time (a server that started instead of a command) is killed and fails the test.
/// </summary>
public static class ServerCommand
{
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(
        string workingDirectory, IDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        info.ArgumentList.Add(ServerProcess.ServerDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Should a server start after all, it listens on a free port, not on 5000.
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        return await TestProcess.RunAsync(info, TimeSpan.FromSeconds(120));
    }
}
