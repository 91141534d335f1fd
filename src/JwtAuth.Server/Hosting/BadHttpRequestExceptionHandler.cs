using JwtAuth.Problems;
using JwtAuth.Server.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// A request the server refused while an endpoint read it answers that refusal's status as problem
/// details with a code, not 500: Kestrel's <see cref="BadHttpRequestException"/> carries it (a
/// broken chunked encoding or a body cut short 400, a stalled body 408, a body beyond the server's
/// limit 413), and a chunk size too large for a number comes as an <see cref="IOException"/> from
/// Kestrel (400). The JSON endpoints answer these themselves (<c>RequestBody</c>); this covers
/// every other endpoint that reads a request.
/// </summary>
internal sealed partial class BadHttpRequestExceptionHandler(ILogger<BadHttpRequestExceptionHandler> logger) : IExceptionHandler
{
    private const string KestrelAssembly = "Microsoft.AspNetCore.Server.Kestrel.Core";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var status = exception switch
        {
            BadHttpRequestException badRequest => badRequest.StatusCode,
            IOException { Source: KestrelAssembly } => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status == 0 || httpContext.Response.HasStarted)
        {
            return false;
        }

        var reason = exception.Message;
        LogBadRequest(httpContext.Request.Path.Value ?? "", status, reason);
        var code = status == StatusCodes.Status408RequestTimeout ? "request_timeout" : ServerProblems.CodeForStatus(status);
        await JwtAuthProblems.Problem(status, reason, code).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Bad request while serving {Path}: {StatusCode} {Reason}")]
    private partial void LogBadRequest(string path, int statusCode, string reason);
}
