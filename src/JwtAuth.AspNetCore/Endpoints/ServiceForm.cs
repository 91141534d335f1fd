using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace JwtAuth.Endpoints;

/// <summary>
/// The <c>application/x-www-form-urlencoded</c> body of token introspection (RFC 7662) and token
/// revocation (RFC 7009): its <c>token</c> parameter, or the problem to answer instead.
/// </summary>
internal static class ServiceForm
{
    // A few short parameters and one token: anything larger is not such a request.
    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 8,
        KeyLengthLimit = 64,
        ValueLengthLimit = 16 * 1024,
        MultipartBodyLengthLimit = 0,
    };

    public static async Task<(string? Token, IResult? Problem)> ReadTokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return (null, JwtAuthProblems.Problem(StatusCodes.Status415UnsupportedMediaType,
                JwtAuthMessages.ServiceFormMediaType, JwtAuthErrorCodes.UnsupportedMediaType));
        }

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits));
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return (null, JwtAuthProblems.Problem(StatusCodes.Status400BadRequest, JwtAuthMessages.ServiceFormInvalid, JwtAuthErrorCodes.Invalid));
        }

        var token = form["token"];
        return token.Count != 1 || string.IsNullOrEmpty(token[0])
            ? (null, JwtAuthProblems.Problem(StatusCodes.Status400BadRequest, JwtAuthMessages.TokenParameterRequired, JwtAuthErrorCodes.Invalid))
            : (token[0], null);
    }
}
