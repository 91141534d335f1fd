using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JwtAuth.Authentication;

/// <summary>
/// The logger factory the handler hands to <c>AuthenticationHandler</c>. The base class logs each
/// failure at Information once per authenticate call (the authentication middleware and the
/// authorization policy both call it) and again at the challenge; JwtAuth logs its own one line per
/// refused token instead (<see cref="LoggingExtensions.TokenRefused"/>), so those base lines are
/// kept at Debug.
/// </summary>
internal sealed class BaseHandlerLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Demoted =
        ["AuthenticationSchemeNotAuthenticatedWithFailure", "AuthenticationSchemeChallenged", "AuthenticationSchemeForbidden"];

    // A handler is created per request: its logger is made once per category, not per request.
    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (category, factory) => new DemotingLogger(factory.CreateLogger(category)), inner);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the factory.
    }

    private sealed class DemotingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel == LogLevel.Information && eventId.Name is { } name && Demoted.Contains(name) ? LogLevel.Debug : logLevel;
            if (inner.IsEnabled(level))
            {
                inner.Log(level, eventId, state, exception, formatter);
            }
        }
    }
}
