using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>
/// The built server (<c>JwtAuth.Server.dll</c>, copied next to the tests) started as a process with
/// <c>dotnet JwtAuth.Server.dll</c>, as a service manager starts it: its own working directory and
/// environment, HTTP on a free port of 127.0.0.1, standard output and error captured.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>
    /// The server copied next to the tests, or the one a test project names in its
    /// <c>JwtAuthServerDll</c> assembly metadata (the interop tests run the server from its own output).
    /// </summary>
    public static string ServerDll { get; } =
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "JwtAuthServerDll")?.Value
        ?? Path.Combine(AppContext.BaseDirectory, "JwtAuth.Server.dll");

    public int Port { get; }

    public string BaseAddress => $"http://127.0.0.1:{Port}";

    public string StandardOutput
    {
        get
        {
            lock (_standardOutput)
            {
                return _standardOutput.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_standardError)
            {
                return _standardError.ToString();
            }
        }
    }

    /// <summary>Both streams, for assertions about "the console" and for failure messages.</summary>
    public string Output => StandardOutput + StandardError;

    public bool HasExited => _process.HasExited;

    /// <summary>The server's process id, for diagnostic tools that attach to it (dotnet-counters).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the server. <paramref name="environment"/> entries with a null value are removed from
    /// the inherited environment; <c>ASPNETCORE_URLS</c> is set to a free port unless given.
    /// </summary>
    public static ServerProcess Start(string workingDirectory, IDictionary<string, string?> environment, params string[] args) =>
        Launch(ServerDll, FreePort(), workingDirectory, environment, args);

    /// <summary>Starts the server on <paramref name="port"/>: for settings that name the server's own URL (an issuer).</summary>
    public static ServerProcess StartOnPort(int port, string workingDirectory, IDictionary<string, string?> environment, params string[] args) =>
        Launch(ServerDll, port, workingDirectory, environment, args);

    /// <summary>Starts another built ASP.NET Core app (<paramref name="dll"/>) the same way, for example a resource server beside the server.</summary>
    public static ServerProcess StartApp(string dll, string workingDirectory, IDictionary<string, string?> environment, params string[] args) =>
        Launch(dll, FreePort(), workingDirectory, environment, args);

    private static ServerProcess Launch(string dll, int port, string workingDirectory, IDictionary<string, string?> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_NOLOGO"] = "1";
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

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, line) => Append(server._standardOutput, line.Data);
        process.ErrorDataReceived += (_, line) => Append(server._standardError, line.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until the server answers HTTP (an anonymous <c>/api/me/</c> is 401); fails with the output if it exits first.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseAddress), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(120)))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} before it served:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/api/me/");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting; try again.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not answer on {BaseAddress} in time:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself (a failed start-up) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit in time:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Stops the server as a service manager does (SIGTERM), so it flushes its logs, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Kills the server with SIGKILL (<c>kill -9</c>), as a crash or the OOM killer does: no shutdown,
    /// no flush, no disposal; the signal goes out before this method first awaits. Waits until the
    /// process is gone and returns its exit code (137 on Linux: killed by signal 9).
    /// </summary>
    public async Task<int> KillHardAsync()
    {
        if (!_process.HasExited)
        {
            // Process.Kill sends SIGKILL on Unix; only the server itself (dotnet runs it in-process).
            _process.Kill(entireProcessTree: false);
        }

        return await WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
