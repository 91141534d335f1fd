using JwtAuth.Cookies;
using JwtAuth.Flows;
using JwtAuth.Problems;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>SimpleJWT's token views: obtain, refresh, verify, blacklist, sliding obtain and refresh.</summary>
internal static class TokenEndpoints
{
    public static Task<IResult> ObtainPairAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: false, cancellationToken);

    public static Task<IResult> ObtainSlidingAsync(HttpContext http, ObtainFlow flow, CancellationToken cancellationToken) =>
        ObtainAsync(http, flow, sliding: true, cancellationToken);

    /// <summary>
    /// Refresh with the body's <c>refresh</c> field, as SimpleJWT; in cookie mode a request without
    /// the field uses the refresh cookie instead (and must pass the CSRF check, since the cookie is
    /// what authenticates it) and gets its new tokens as cookies.
    /// </summary>
    public static async Task<IResult> RefreshAsync(HttpContext http, RefreshFlow flow, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        var transport = TokenCookies.Transport(http);
        var token = body.OptionalString("refresh", errors);
        var fromCookie = errors.Count == 0 && token is null && TokenCookies.ReadRefresh(http) is not null;
        if (fromCookie)
        {
            if (TokenCookies.CsrfRefusal(http, TokenCookies.Options(http)!) is { } refusal)
            {
                return JwtAuthProblems.Problem(StatusCodes.Status403Forbidden, refusal, JwtAuthErrorCodes.CsrfFailed);
            }

            token = TokenCookies.ReadRefresh(http);
            transport = transport == TokenTransport.Body ? TokenTransport.Cookie : transport;
        }
        else
        {
            token = body.RequiredString("refresh", errors);
        }

        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        var result = await flow.RefreshAsync(token!, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // A refused cookie (expired, reused, its session ended) is of no more use to the browser.
            if (fromCookie)
            {
                TokenCookies.Clear(http);
            }

            return JwtAuthProblems.Failure(result.Failure);
        }

        return Issued(http, transport, result.Refresh, result.Access!);
    }

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
        return Obtained(http, result, sliding);
    }

    /// <summary>
    /// A new access token (and refresh token, unless not rotated) as the request asked for them:
    /// SimpleJWT's body, or cookies (the body then keeps only the access token when it is not a
    /// cookie), or both.
    /// </summary>
    private static IResult Issued(HttpContext http, TokenTransport transport, IssuedToken? refresh, IssuedToken access)
    {
        if (transport != TokenTransport.Body)
        {
            TokenCookies.Write(http, refresh, access);
            if (transport == TokenTransport.Cookie)
            {
                return TokenCookies.Options(http)!.AccessTokenInCookie ? TypedResults.Ok(new EmptyResponse()) : TypedResults.Ok(new AccessResponse(access.Token));
            }
        }

        return refresh is null
            ? TypedResults.Ok(new AccessResponse(access.Token))
            : TypedResults.Ok(new TokenPairResponse(refresh.Token, access.Token));
    }

    /// <summary>
    /// What every login answers, whatever signed the user in: the pair (in the body or, in cookie
    /// mode when asked, as cookies) or the sliding token, or the failure.
    /// </summary>
    public static IResult Obtained(HttpContext http, TokenResult result, bool sliding) =>
        !result.Succeeded ? JwtAuthProblems.Failure(result.Failure)
        : sliding ? TypedResults.Ok(new SlidingResponse(result.Sliding!.Token))
        : Issued(http, TokenCookies.Transport(http), result.Refresh, result.Access!);

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
