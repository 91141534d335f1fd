using JwtAuth.Problems;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtAuth.Endpoints;

/// <summary>SimpleJWT's token views: obtain, refresh, verify, blacklist, sliding obtain and refresh.</summary>
internal static class TokenEndpoints
{
    public static async Task<IResult> ObtainPairAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken) =>
        await ObtainAsync(http, service, sliding: false, cancellationToken).ConfigureAwait(false);

    public static async Task<IResult> ObtainSlidingAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken) =>
        await ObtainAsync(http, service, sliding: true, cancellationToken).ConfigureAwait(false);

    public static async Task<IResult> RefreshAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var (problem, token) = ReadToken(body, "refresh");
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.RefreshAsync(http, token!, cancellationToken).ConfigureAwait(false);
        if (Problem(result, JwtAuthMessages.NoActiveAccountForToken) is { } refused)
        {
            return refused;
        }

        return result.Refresh is null
            ? TypedResults.Ok(new AccessResponse(result.Access!.Token))
            : TypedResults.Ok(new TokenPairResponse(result.Refresh.Token, result.Access!.Token));
    }

    public static async Task<IResult> VerifyAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var (problem, token) = ReadToken(body, "token");
        if (problem is not null)
        {
            return problem;
        }

        var failure = await service.VerifyAsync(token!, cancellationToken).ConfigureAwait(false);
        return failure == TokenFailure.None ? TypedResults.Ok(new EmptyResponse()) : JwtAuthProblems.Token(failure);
    }

    public static async Task<IResult> BlacklistAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var (problem, token) = ReadToken(body, "refresh");
        if (problem is not null)
        {
            return problem;
        }

        var failure = await service.BlacklistAsync(http, token!, cancellationToken).ConfigureAwait(false);
        return failure == TokenFailure.None ? TypedResults.Ok(new EmptyResponse()) : JwtAuthProblems.Token(failure);
    }

    public static async Task<IResult> RefreshSlidingAsync(HttpContext http, JwtAuthTokenService service, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        var (problem, token) = ReadToken(body, "token");
        if (problem is not null)
        {
            return problem;
        }

        var result = await service.RefreshSlidingAsync(http, token!, cancellationToken).ConfigureAwait(false);
        return Problem(result, JwtAuthMessages.NoActiveAccountForToken) is { } refused
            ? refused
            : TypedResults.Ok(new SlidingResponse(result.Sliding!.Token));
    }

    private static async Task<IResult> ObtainAsync(HttpContext http, JwtAuthTokenService service, bool sliding, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        // DRF trims the username field but never the password.
        var userName = body.RequiredString("username", errors, trim: true);
        var password = body.RequiredString("password", errors);
        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        var result = await service.ObtainAsync(http, userName!, password!, sliding, cancellationToken).ConfigureAwait(false);
        if (Problem(result, JwtAuthMessages.NoActiveAccount) is { } refused)
        {
            return refused;
        }

        return sliding
            ? TypedResults.Ok(new SlidingResponse(result.Sliding!.Token))
            : TypedResults.Ok(new TokenPairResponse(result.Refresh!.Token, result.Access!.Token));
    }

    /// <summary>Reads the one token field of a body; a problem when the body or the field is unusable.</summary>
    private static (IResult? Problem, string? Token) ReadToken(JsonRequestBody body, string field)
    {
        if (body.Error is { } error)
        {
            return (error, null);
        }

        var errors = new Dictionary<string, string[]>();
        var token = body.RequiredString(field, errors);
        return errors.Count > 0 ? (JwtAuthProblems.Validation(errors), null) : (null, token);
    }

    private static ProblemHttpResult? Problem(TokenResult result, string noAccountDetail) =>
        result.NoActiveAccount ? JwtAuthProblems.NoActiveAccount(noAccountDetail)
        : result.Failure != TokenFailure.None ? JwtAuthProblems.Token(result.Failure)
        : null;
}
