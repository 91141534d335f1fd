using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Authentication;

/// <summary>
/// The <c>WWW-Authenticate</c> challenge of every 401, SimpleJWT's <c>Bearer realm="api"</c> (its
/// first auth header type), whether the handler or a token endpoint refused.
/// </summary>
internal static class BearerChallenge
{
    public static string Of(JwtAuthOptions options) => $"{options.AuthHeaderTypes[0]} realm=\"{JwtAuthDefaults.Realm}\"";

    /// <summary>
    /// An endpoint filter: a 401 answered by an endpoint (wrong credentials, a bad token on the
    /// token endpoints) carries the challenge as DRF's does; the handler's own 401 keeps its header.
    /// </summary>
    public static async ValueTask<object?> OnUnauthorizedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context).ConfigureAwait(false);
        var headers = context.HttpContext.Response.Headers;
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized } && !headers.ContainsKey(HeaderNames.WWWAuthenticate))
        {
            headers[HeaderNames.WWWAuthenticate] = Of(context.HttpContext.RequestServices.GetRequiredService<TokenServices>().Options);
        }

        return result;
    }
}
