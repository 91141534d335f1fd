using JwtAuth.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JwtAuth.Server.Problems;

/// <summary>The server's own error answers, beside the library's: its codes and texts live here.</summary>
internal static class ServerProblems
{
    public const string UserNotFoundCode = "user_not_found";
    public const string UserInactiveCode = "user_inactive";
    public const string ThrottledCode = "throttled";

    /// <summary>
    /// The <c>type</c> of a 429. Every other error carries the RFC 9110 section of its status, which
    /// ASP.NET Core fills in; 429 is defined in RFC 6585, which ASP.NET Core has no default for.
    /// </summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public const string TooManyRequestsTitle = "Too Many Requests";

    /// <summary>The bearer's user is gone (SimpleJWT's <c>user_not_found</c>).</summary>
    public static ProblemHttpResult UserNotFound() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.UserNotFound), UserNotFoundCode);

    /// <summary>The bearer's user is disabled (SimpleJWT's <c>user_inactive</c>).</summary>
    public static ProblemHttpResult UserInactive() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.UserInactive), UserInactiveCode);

    /// <summary>DRF's 429, with the <c>type</c> and <c>title</c> every other error body has.</summary>
    public static ProblemHttpResult Throttled()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Type = TooManyRequestsType,
            Title = TooManyRequestsTitle,
            Detail = ServerMessages.Translations.Translate(ServerMessages.Throttled),
        };
        problem.Extensions[JwtAuthProblems.CodeKey] = ThrottledCode;
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// 503: the server's bound on concurrent password hashing is reached (not a database outage):
    /// every slot is taken and the queue is full, nothing is wrong with this client.
    /// </summary>
    public static ProblemHttpResult Busy() =>
        JwtAuthProblems.Problem(StatusCodes.Status503ServiceUnavailable, ServerMessages.Translations.Translate(ServerMessages.Busy), JwtAuthErrorCodes.ServiceUnavailable);

    /// <summary>The code a bare status answer carries: the library's, and <c>throttled</c> for 429.</summary>
    public static string CodeForStatus(int status) =>
        status == StatusCodes.Status429TooManyRequests ? ThrottledCode : JwtAuthErrorCodes.ForStatus(status);

    /// <summary>
    /// Gives a bare 404 or 405 (one routing answered, no endpoint) DRF's <c>detail</c>:
    /// <c>Not found.</c>, <c>Method "GET" not allowed.</c>, in the request's language.
    /// </summary>
    public static void CompleteRoutingFailure(ProblemDetails problem, HttpContext http)
    {
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => ServerMessages.Translations.Translate(ServerMessages.NotFound),
            StatusCodes.Status405MethodNotAllowed => ServerMessages.Translations.Format(ServerMessages.MethodNotAllowed, http.Request.Method),
            _ => null,
        };
    }

    /// <summary>Gives a bare 429 (one no endpoint wrote) the same <c>type</c> and <c>title</c> as <see cref="Throttled"/>.</summary>
    public static void CompleteTooManyRequests(ProblemDetails problem)
    {
        if (problem.Status == StatusCodes.Status429TooManyRequests)
        {
            problem.Type ??= TooManyRequestsType;
            problem.Title ??= TooManyRequestsTitle;
        }
    }
}
