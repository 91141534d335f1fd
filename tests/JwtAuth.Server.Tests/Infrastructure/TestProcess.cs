using System.Diagnostics;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>Runs a process to its end with standard input closed; one that does not end in time is killed and fails the test.</summary>
public static class TestProcess
{
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(ProcessStartInfo info, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{info.FileName} {string.Join(' ', info.ArgumentList)}' did not end within {timeout.TotalSeconds:0} s:\n{await output}{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
