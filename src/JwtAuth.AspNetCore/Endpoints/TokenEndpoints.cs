using JwtAuth.Flows;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtAuth.Endpoints;

/// <summary>SimpleJWT's token views: obtain, refresh, verify, blacklist, sliding obtain and refresh.</summary>
internal static class TokenEndpoints
{
    public static Task<IResult> ObtainPairAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: false, cancellationToken);

    public static Task<IResult> ObtainSlidingAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: true, cancellationToken);

    public static async Task<IResult> RefreshAsync(HttpContext http, RefreshFlow flow, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (ReadToken(body, "refresh", out var token) is { } problem)
        {
            return problem;
        }

        var result = await flow.RefreshAsync(token!, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        return !result.Succeeded ? JwtAuthProblems.Failure(result.Failure)
            : result.Refresh is null ? TypedResults.Ok(new AccessResponse(result.Access!.Token))
            : TypedResults.Ok(new TokenPairResponse(result.Refresh.Token, result.Access!.Token));
    }

    public static async Task<IResult> VerifyAsync(HttpContext http, VerifyFlow flow, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (ReadToken(body, "token", out var token) is { } problem)
        {
            return problem;
        }

        var result = await flow.VerifyAsync(token!, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(new EmptyResponse()) : JwtAuthProblems.Failure(result.Failure);
    }

    public static async Task<IResult> BlacklistAsync(HttpContext http, BlacklistFlow flow, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (ReadToken(body, "refresh", out var token) is { } problem)
        {
            return problem;
        }

        var result = await flow.BlacklistAsync(token!, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(new EmptyResponse()) : JwtAuthProblems.Failure(result.Failure);
    }

    public static async Task<IResult> RefreshSlidingAsync(HttpContext http, SlidingRefreshFlow flow, CancellationToken cancellationToken)
    {
        using var body = await JsonRequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (ReadToken(body, "token", out var token) is { } problem)
        {
            return problem;
        }

        var result = await flow.RefreshAsync(token!, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.Ok(new SlidingResponse(result.Sliding!.Token)) : JwtAuthProblems.Failure(result.Failure);
    }

    private static async Task<IResult> ObtainAsync(HttpContext http, ObtainFlow flow, bool sliding, CancellationToken cancellationToken)
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

        var result = await flow.ObtainAsync(userName!, password!, sliding, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        return !result.Succeeded ? JwtAuthProblems.Failure(result.Failure)
            : sliding ? TypedResults.Ok(new SlidingResponse(result.Sliding!.Token))
            : TypedResults.Ok(new TokenPairResponse(result.Refresh!.Token, result.Access!.Token));
    }

    /// <summary>Reads the one token field of a body; the problem to answer with when the body or the field is unusable.</summary>
    private static ProblemHttpResult? ReadToken(JsonRequestBody body, string field, out string? token)
    {
        token = null;
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        token = body.RequiredString(field, errors);
        return errors.Count > 0 ? JwtAuthProblems.Validation(errors) : null;
    }
}
