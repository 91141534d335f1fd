using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Console;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// What a fatal start-up error looks like on the console: one line naming the cause (for invalid
/// settings, the validation message, which names the setting) and no stack trace. The exception
/// with its stack is logged at Debug only (<c>Logging__LogLevel__Default=Debug</c> shows it).
/// </summary>
internal static partial class StartupFailure
{
    public const string LogCategory = "JwtAuth.Server.Startup";

    /// <summary>The one line: the failure's message (and its cause's, when that adds something), on one line.</summary>
    public static string Describe(Exception exception)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        var message = exception.Message;
        if (exception.InnerException is { Message.Length: > 0 } cause && !message.Contains(cause.Message, StringComparison.OrdinalIgnoreCase))
        {
            message = $"{message} ({cause.Message})";
        }

        return Whitespace().Replace(message, " ").Trim();
    }

    /// <summary>Logs the whole exception at Debug with the app's logging, or when there is no app, with logging configured from the environment and arguments.</summary>
    public static void LogDetail(Exception exception, IServiceProvider? services, string[] args)
    {
        if (services?.GetService<ILoggerFactory>() is { } factory)
        {
            var logger = factory.CreateLogger(LogCategory);
            Log(logger, exception);
            return;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        using var fallback = LoggerFactory.Create(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole());
        var fallbackLogger = fallback.CreateLogger(LogCategory);
        Log(fallbackLogger, exception);
    }

    /// <summary>
    /// While the server starts, the generic host would write its own "Hosting failed to start" error
    /// with the stack to the console before the runner prints the one line; this keeps that error off
    /// the console until <see cref="StartupConsoleGate.Open"/>. Every other level of that category
    /// follows the configured <c>Logging:LogLevel</c>.
    /// </summary>
    public static StartupConsoleGate QuietHostFailures(WebApplicationBuilder builder)
    {
        const string category = "Microsoft.Extensions.Hosting.Internal.Host";
        var gate = new StartupConsoleGate();
        var configuration = builder.Configuration;
        builder.Logging.AddFilter<ConsoleLoggerProvider>(category, level =>
            level >= ConfiguredLevel(configuration, category) && (gate.IsOpen || level < LogLevel.Error));
        return gate;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Debug, Message = "The server could not start")]
    private static partial void Log(ILogger logger, Exception exception);

    /// <summary>The level <c>Logging:Console:LogLevel</c> or <c>Logging:LogLevel</c> gives a category (its longest configured prefix, else Default).</summary>
    private static LogLevel ConfiguredLevel(ConfigurationManager configuration, string category)
    {
        foreach (var section in new[] { "Logging:Console:LogLevel", "Logging:LogLevel" })
        {
            for (var name = category; name.Length > 0; name = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : "")
            {
                if (Enum.TryParse<LogLevel>(configuration[$"{section}:{name}"], ignoreCase: true, out var level))
                {
                    return level;
                }
            }

            if (Enum.TryParse<LogLevel>(configuration[$"{section}:Default"], ignoreCase: true, out var fallback))
            {
                return fallback;
            }
        }

        return LogLevel.Information;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Closed while the server starts; see <see cref="StartupFailure.QuietHostFailures"/>.</summary>
internal sealed class StartupConsoleGate
{
    private volatile bool _open;

    public bool IsOpen => _open;

    public void Open() => _open = true;
}
