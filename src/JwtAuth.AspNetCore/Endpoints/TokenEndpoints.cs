using JwtAuth.Flows;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>SimpleJWT's token views: obtain, refresh, verify, blacklist, sliding obtain and refresh.</summary>
internal static class TokenEndpoints
{
    public static Task<IResult> ObtainPairAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: false, cancellationToken);

    public static Task<IResult> ObtainSlidingAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: true, cancellationToken);

    public static Task<IResult> RefreshAsync(HttpContext http, RefreshFlow flow, CancellationToken cancellationToken) =>
        WithTokenAsync(http, "refresh", token => flow.RefreshAsync(token, http.GetClientInfo(), cancellationToken), result =>
            result.Refresh is null
                ? TypedResults.Ok(new AccessResponse(result.Access!.Token))
                : TypedResults.Ok(new TokenPairResponse(result.Refresh.Token, result.Access!.Token)), cancellationToken);

    public static Task<IResult> VerifyAsync(HttpContext http, VerifyFlow flow, CancellationToken cancellationToken) =>
        WithTokenAsync(http, "token", token => flow.VerifyAsync(token, cancellationToken), _ => TypedResults.Ok(new EmptyResponse()), cancellationToken);

    public static Task<IResult> BlacklistAsync(HttpContext http, BlacklistFlow flow, CancellationToken cancellationToken) =>
        WithTokenAsync(http, "refresh", token => flow.BlacklistAsync(token, http.GetClientInfo(), cancellationToken), _ => TypedResults.Ok(new EmptyResponse()), cancellationToken);

    public static Task<IResult> RefreshSlidingAsync(HttpContext http, SlidingRefreshFlow flow, CancellationToken cancellationToken) =>
        WithTokenAsync(http, "token", token => flow.RefreshAsync(token, http.GetClientInfo(), cancellationToken), result =>
            TypedResults.Ok(new SlidingResponse(result.Sliding!.Token)), cancellationToken);

    private static async Task<IResult> ObtainAsync(HttpContext http, ObtainFlow flow, bool sliding, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// The endpoints that take one token field: read it from the body (any problem with the body or
    /// the field is the answer), run the flow, and answer its success or its failure.
    /// </summary>
    private static async Task<IResult> WithTokenAsync(
        HttpContext http, string field, Func<string, Task<TokenResult>> flow, Func<TokenResult, IResult> succeeded, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        var token = body.RequiredString(field, errors);
        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        var result = await flow(token!).ConfigureAwait(false);
        return result.Succeeded ? succeeded(result) : JwtAuthProblems.Failure(result.Failure);
    }
}
