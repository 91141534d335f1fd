using JwtAuth.Endpoints;
using JwtAuth.Problems;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Cookies;

/// <summary>
/// Writes, reads and clears the token cookies of cookie mode, and runs its CSRF check. Every rule
/// of cookie mode that is not the handler's lives here.
/// </summary>
internal static class TokenCookies
{
    /// <summary>The cookie options, when cookie mode is on; null otherwise.</summary>
    public static JwtAuthCookieOptions? Options(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JwtAuthCookieOptions>>().Value;
        return options.Enabled ? options : null;
    }

    /// <summary>How the request asks for its tokens: in the body (SimpleJWT's way), in cookies, or both.</summary>
    public static TokenTransport Transport(HttpContext http)
    {
        if (Options(http) is null)
        {
            return TokenTransport.Body;
        }

        var asked = http.Request.Headers[JwtAuthCookieOptions.TransportHeaderName].ToString().Trim();
        return asked.Equals("cookie", StringComparison.OrdinalIgnoreCase) ? TokenTransport.Cookie
            : asked.Equals("cookie+body", StringComparison.OrdinalIgnoreCase) ? TokenTransport.CookieAndBody
            : TokenTransport.Body;
    }

    /// <summary>Sets the cookies of a new pair (or only the access cookie when the refresh token is not rotated).</summary>
    public static void Write(HttpContext http, IssuedToken? refresh, IssuedToken access)
    {
        var options = Options(http)!;
        if (refresh is not null)
        {
            http.Response.Cookies.Append(options.RefreshCookieName, refresh.Token, Attributes(RefreshPath(http), refresh.ExpiresAt));
        }

        if (options.AccessTokenInCookie)
        {
            http.Response.Cookies.Append(options.AccessCookieName, access.Token, Attributes("/", access.ExpiresAt));
        }
    }

    /// <summary>Expires both cookies (logout, session end), when cookie mode is on and the request carried one.</summary>
    public static void Clear(HttpContext http)
    {
        if (Options(http) is not { } options
            || !(http.Request.Cookies.ContainsKey(options.AccessCookieName) || http.Request.Cookies.ContainsKey(options.RefreshCookieName)))
        {
            return;
        }

        http.Response.Cookies.Delete(options.RefreshCookieName, Attributes(RefreshPath(http), expires: null));
        http.Response.Cookies.Delete(options.AccessCookieName, Attributes("/", expires: null));
    }

    /// <summary>The refresh cookie's token, when cookie mode is on and the browser sent one.</summary>
    public static string? ReadRefresh(HttpContext http) =>
        Options(http) is { } options && http.Request.Cookies.TryGetValue(options.RefreshCookieName, out var token) && token.Length > 0 ? token : null;

    /// <summary>
    /// The CSRF rule for a request authenticated by a cookie: a safe method (GET, HEAD, OPTIONS,
    /// TRACE) passes; an unsafe one needs the CSRF header and, when the browser names an
    /// <c>Origin</c>, the server's own or a trusted one. Null when it passes, else why not.
    /// </summary>
    public static string? CsrfRefusal(HttpContext http, JwtAuthCookieOptions options)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.Headers[options.CsrfHeaderName]))
        {
            return JwtAuthMessages.Translations.Format(JwtAuthMessages.CsrfHeaderMissing, options.CsrfHeaderName);
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !IsOwnOrigin(request, origin) && !options.TrustedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return JwtAuthMessages.Translations.Translate(JwtAuthMessages.CsrfUntrustedOrigin);
        }

        return null;
    }

    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        origin.Equals($"{request.Scheme}://{request.Host.ToUriComponent()}", StringComparison.OrdinalIgnoreCase);

    // The link generator drops the route's trailing slash; the cookie's path keeps it, so the
    // browser sends the refresh token to the refresh endpoint and nowhere else.
    private static string RefreshPath(HttpContext http) =>
        http.RequestServices.GetRequiredService<LinkGenerator>().GetPathByName(http, JwtAuthEndpointNames.Refresh, values: null) is { } path
            ? path.EndsWith('/') ? path : path + "/"
            : "/";

    private static CookieOptions Attributes(string path, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
        Path = path,
        Expires = expires,
        IsEssential = true,
    };
}
