using JwtAuth.Authentication;
using JwtAuth.Cookies;
using JwtAuth.Flows;
using JwtAuth.Problems;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtAuth.Endpoints;

/// <summary>Logout (this session, all, others) and the caller's session list.</summary>
internal static class SessionEndpoints
{
    /// <summary>
    /// Ends the bearer's session. With no body that is all; a JSON body must name a refresh token of
    /// the same session (SimpleJWT clients send one).
    /// </summary>
    public static async Task<IResult> LogoutAsync(HttpContext http, LogoutFlow flow, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return error;
        }

        string? refresh = null;
        if (!body.IsAbsent)
        {
            var errors = new Dictionary<string, string[]>();
            refresh = body.RequiredString("refresh", errors);
            if (errors.Count > 0)
            {
                return JwtAuthProblems.Validation(errors);
            }
        }

        var result = await flow.LogoutAsync(http.User.GetUserId(), http.User.GetSessionId(), refresh, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return JwtAuthProblems.Failure(result.Failure, StatusCodes.Status400BadRequest);
        }

        TokenCookies.Clear(http);
        return ResetContent();
    }

    public static async Task<IResult> LogoutAllAsync(HttpContext http, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.EndAllSessionsAsync(http.User.GetUserId(), SessionEndReasons.LogoutAll, cancellationToken).ConfigureAwait(false);
        TokenCookies.Clear(http);
        return ResetContent();
    }

    public static async Task<IResult> LogoutOthersAsync(HttpContext http, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.EndOtherSessionsAsync(http.User.GetUserId(), http.User.GetSessionId(), SessionEndReasons.LogoutOthers, cancellationToken).ConfigureAwait(false);
        return ResetContent();
    }

    public static async Task<IResult> ListAsync(HttpContext http, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        var current = http.User.GetSessionId();
        var list = await sessions.ListAsync(http.User.GetUserId(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(session => SessionResponse.From(session, current)).ToArray());
    }

    /// <summary>Ends one of the caller's sessions; any other id, someone else's included, is 404.</summary>
    public static async Task<IResult> DeleteAsync(string id, HttpContext http, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (!JwtAuthIds.TryParse(id, out var sessionId)
            || !await sessions.EndSessionAsync(http.User.GetUserId(), sessionId, SessionEndReasons.Deleted, cancellationToken).ConfigureAwait(false))
        {
            return JwtAuthProblems.Problem(StatusCodes.Status404NotFound, JwtAuthMessages.SessionNotFound, JwtAuthErrorCodes.NotFound);
        }

        if (sessionId == http.User.GetSessionId())
        {
            TokenCookies.Clear(http);
        }

        return TypedResults.NoContent();
    }

    // RFC 9110 §15.3.6: a 205 carries no content.
    private static StatusCodeHttpResult ResetContent() => TypedResults.StatusCode(StatusCodes.Status205ResetContent);
}
