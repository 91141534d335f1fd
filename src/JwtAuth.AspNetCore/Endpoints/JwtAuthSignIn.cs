using JwtAuth.Flows;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Endpoints;

/// <summary>
/// Issues tokens to a user the host has authenticated itself (another sign-in method than a
/// password, such as the server's Telegram sign-in), answered exactly as <c>/api/token/</c> or
/// <c>/api/token/sliding/</c> answers (cookies included, in cookie mode when the request asks).
/// </summary>
public static class JwtAuthSignIn
{
    /// <summary>
    /// Opens a session for <paramref name="userId"/> recorded with <paramref name="signInMethod"/>
    /// and answers its refresh/access pair (or, with <paramref name="sliding"/>, a sliding token).
    /// A user that is unknown or inactive is refused as a login is (401 <c>no_active_account</c>).
    /// </summary>
    public static async Task<IResult> IssueTokensAsync(HttpContext http, string userId, string signInMethod, bool sliding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(signInMethod);

        var flow = http.RequestServices.GetRequiredService<ObtainFlow>();
        var result = await flow.SignInAsync(userId, signInMethod, sliding, http.GetClientInfo(), cancellationToken).ConfigureAwait(false);
        return TokenEndpoints.Obtained(http, result, sliding);
    }
}
