using JwtAuth.Problems;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>
/// <c>POST token/revoke/</c>, RFC 7009 token revocation: a valid access, sliding or refresh token
/// ends its whole session, as a logout does (every node and every feed reader refuses its tokens
/// from then on). A token that is invalid, expired or already revoked answers 200 as well, as the
/// RFC asks; one without a session (minted by SimpleJWT) cannot be revoked alone: 400
/// <c>unsupported_token_type</c>.
/// </summary>
internal static class TokenRevocationEndpoint
{
    private const string UnsupportedTokenType = "unsupported_token_type";

    public static async Task<IResult> RevokeAsync(HttpContext http, TokenServices tokens, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        var (token, problem) = await ServiceForm.ReadTokenAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var check = await tokens.CheckAsync(token!).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return TypedResults.Ok();
        }

        var contents = check.Contents!;
        if (contents.SessionId == Guid.Empty)
        {
            return JwtAuthProblems.Problem(StatusCodes.Status400BadRequest, JwtAuthMessages.TokenHasNoSession, UnsupportedTokenType);
        }

        await sessions.EndSessionAsync(contents.UserId, contents.SessionId, SessionEndReasons.Revoked, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok();
    }
}
