using JwtAuth.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtAuth.Server.Problems;

/// <summary>The server's own error answers, beside the library's: its codes and texts live here.</summary>
internal static class ServerProblems
{
    public const string UserNotFoundCode = "user_not_found";
    public const string UserInactiveCode = "user_inactive";
    public const string ThrottledCode = "throttled";

    /// <summary>The bearer's user is gone (SimpleJWT's <c>user_not_found</c>).</summary>
    public static ProblemHttpResult UserNotFound() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "User not found", UserNotFoundCode);

    /// <summary>The bearer's user is disabled (SimpleJWT's <c>user_inactive</c>).</summary>
    public static ProblemHttpResult UserInactive() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "User is inactive", UserInactiveCode);

    /// <summary>DRF's 429.</summary>
    public static ProblemHttpResult Throttled() =>
        JwtAuthProblems.Problem(StatusCodes.Status429TooManyRequests, "Request was throttled.", ThrottledCode);

    /// <summary>The code a bare status answer carries: the library's, and <c>throttled</c> for 429.</summary>
    public static string CodeForStatus(int status) =>
        status == StatusCodes.Status429TooManyRequests ? ThrottledCode : JwtAuthErrorCodes.ForStatus(status);
}
