using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace JwtAuth.Problems;

/// <summary>
/// Builds JwtAuth's error answers: RFC 9457 problem details with SimpleJWT's <c>detail</c> and <c>code</c>.
/// A <c>detail</c> or field error that is one of <see cref="JwtAuthMessages"/> is given in the current
/// UI culture (request localization); the <c>code</c> never changes.
/// </summary>
public static class JwtAuthProblems
{
    public const string CodeKey = "code";
    public const string MessagesKey = "messages";

    private const string ProblemContentType = "application/problem+json";

    public static ProblemHttpResult Problem(int status, string detail, string code, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Detail = JwtAuthMessages.Translations.Translate(detail) };
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

    /// <summary>
    /// Why a flow issued nothing: credentials and inactive accounts 401 <c>no_active_account</c>, a
    /// refused token 401 <c>token_not_valid</c> (400 on logout, where the token is a field of the body),
    /// a refresh token of another session 400 <c>invalid</c>.
    /// </summary>
    internal static ProblemHttpResult Failure(TokenFailure failure, int tokenStatus = StatusCodes.Status401Unauthorized) => failure switch
    {
        TokenFailure.BadCredentials or TokenFailure.InactiveAccount =>
            Problem(StatusCodes.Status401Unauthorized, failure.Message(), JwtAuthErrorCodes.NoActiveAccount),
        TokenFailure.NotOfBearerSession or TokenFailure.NoSession =>
            Problem(StatusCodes.Status400BadRequest, failure.Message(), JwtAuthErrorCodes.Invalid),
        _ => Problem(tokenStatus, failure.Message(), JwtAuthErrorCodes.TokenNotValid),
    };

    /// <summary>403 <c>permission_denied</c>, DRF's answer to an authenticated caller without the right.</summary>
    public static ProblemHttpResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, JwtAuthMessages.PermissionDenied, JwtAuthErrorCodes.PermissionDenied);

    /// <summary>400 with DRF-style field errors nested under <c>errors</c>.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = JwtAuthMessages.Translations.Translate(JwtAuthMessages.ValidationFailed),
        };
        foreach (var field in problem.Errors.Keys.ToArray())
        {
            problem.Errors[field] = Array.ConvertAll(problem.Errors[field], JwtAuthMessages.Translations.Translate);
        }

        problem.Extensions[CodeKey] = JwtAuthErrorCodes.Invalid;
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// The response metadata of a problem answer with <paramref name="statusCode"/>, for API
    /// descriptions (see <c>ProducesJwtAuthProblem</c>): every JwtAuth error shares one schema.
    /// </summary>
    public static IProducesResponseTypeMetadata ResponseMetadata(int statusCode) =>
        new ProducesResponseTypeMetadata(statusCode, typeof(JwtAuthProblem), [ProblemContentType]);

    public static ProblemHttpResult Unavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, JwtAuthMessages.DatabaseUnavailable, JwtAuthErrorCodes.ServiceUnavailable);
}
