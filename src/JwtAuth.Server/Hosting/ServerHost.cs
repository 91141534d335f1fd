using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// Runs the server until it is stopped. It first logs where its data lives
/// (<see cref="StartupSummary"/>); settings are checked before anything starts; a start-up
/// failure (invalid settings, a missing key, a port in use, an unreachable database) is one line on
/// standard error and exit code 1, with the details at Debug (<see cref="StartupFailure"/>).
/// </summary>
internal static class ServerHost
{
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        WebApplication? app = null;
        StartupConsoleGate? gate = null;
        try
        {
            app = ServerApplication.Build(args, builder => gate = StartupFailure.QuietHostFailures(builder));
            StartupSummary.Log(app.Services);
            Validate(app.Services);
            await app.StartAsync();
        }
        catch (Exception exception) when (exception is not HostAbortedException)
        {
            // HostAbortedException is WebApplicationFactory taking the built host: not a failure.
            await error.WriteLineAsync($"JwtAuth.Server could not start: {StartupFailure.Describe(exception)}");
            StartupFailure.LogDetail(exception, app?.Services, args);
            if (app is not null)
            {
                try
                {
                    await app.DisposeAsync();
                }
                catch (Exception disposal)
                {
                    // The start-up failure above is the news; a half-started host failing to clean up is detail.
                    StartupFailure.LogDetail(disposal, services: null, args);
                }
            }

            return 1;
        }
        finally
        {
            gate?.Open();
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// Creates what the host would create first when it starts (its hosted services, which read their
    /// options) and runs the options validation, so that invalid settings fail here, before the host
    /// logs anything.
    /// </summary>
    private static void Validate(IServiceProvider services)
    {
        _ = services.GetServices<IHostedService>().ToList();
        services.GetService<IStartupValidator>()?.Validate();
    }
}
