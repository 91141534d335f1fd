using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JwtAuth.Problems;

/// <summary>Builds JwtAuth's error answers: RFC 9457 problem details with SimpleJWT's <c>detail</c> and <c>code</c>.</summary>
public static class JwtAuthProblems
{
    public const string CodeKey = "code";
    public const string MessagesKey = "messages";

    public static ProblemHttpResult Problem(int status, string detail, string code, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions[CodeKey] = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>A token refused on a token endpoint: 401 <c>token_not_valid</c>.</summary>
    public static ProblemHttpResult Token(TokenFailure failure) =>
        Problem(StatusCodes.Status401Unauthorized, failure.Message(), JwtAuthErrorCodes.TokenNotValid);

    /// <summary>400 with DRF-style field errors nested under <c>errors</c>.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = JwtAuthMessages.ValidationFailed,
        };
        problem.Extensions[CodeKey] = JwtAuthErrorCodes.Invalid;
        return TypedResults.Problem(problem);
    }

    /// <summary>The 401 for bad credentials, alike for unknown users, wrong passwords and inactive users.</summary>
    public static ProblemHttpResult NoActiveAccount(string detail = JwtAuthMessages.NoActiveAccount) =>
        Problem(StatusCodes.Status401Unauthorized, detail, JwtAuthErrorCodes.NoActiveAccount);

    public static ProblemHttpResult Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, JwtAuthMessages.DatabaseUnavailable, JwtAuthErrorCodes.ServiceUnavailable);
}
