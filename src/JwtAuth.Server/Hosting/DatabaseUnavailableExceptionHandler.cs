using JwtAuth.EntityFrameworkCore;
using JwtAuth.Problems;
using JwtAuth.Sessions;
using Microsoft.AspNetCore.Diagnostics;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// An endpoint that needs the database while it is unreachable answers 503 with a problem body,
/// not 500: the client can retry, and nothing was half-written (each write is one transaction).
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(httpContext.Request.Path, exception.GetBaseException().Message);
        await JwtAuthProblems.Unavailable().ExecuteAsync(httpContext);
        return true;
    }

    // A statement the database refused (bad data, constraint) is a bug, not an outage: it stays a 500.
    private static bool IsUnavailable(Exception exception) =>
        exception is SessionStoreUnavailableException || DatabaseFailure.IsUnavailable(exception);

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Database unavailable while serving {Path}: {Reason}")]
    private partial void LogUnavailable(string path, string reason);
}
