namespace JwtAuth.Cookies;

/// <summary>
/// Cookie mode for browser clients, bound from <c>JwtAuth:Cookies</c>. Off by default. When on, a
/// request that sends <c>X-JwtAuth-Transport: cookie</c> to obtain or refresh receives its tokens
/// as <c>HttpOnly</c>, <c>Secure</c>, <c>SameSite=Strict</c> cookies, out of reach of page
/// scripts; the handler then accepts the access cookie where no <c>Authorization</c> header is
/// sent, and every unsafe request authenticated by a cookie must pass the CSRF check
/// (<see cref="CsrfHeaderName"/> and a same-origin or trusted <c>Origin</c>). Bearer headers
/// work exactly as without cookie mode.
/// </summary>
public sealed class JwtAuthCookieOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string ConfigurationSection = JwtAuthOptions.ConfigurationSection + ":Cookies";

    /// <summary>The request header that asks obtain and refresh for cookies: <c>cookie</c>, or <c>cookie+body</c> for both.</summary>
    public const string TransportHeaderName = "X-JwtAuth-Transport";

    /// <summary>Whether cookie mode is on. Default false: cookies are neither set nor read.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Whether the access token also goes into a cookie. False keeps it in the response body only,
    /// for pages that hold it in memory and send it as a bearer header (then only the refresh token
    /// is a cookie). Default true.
    /// </summary>
    public bool AccessTokenInCookie { get; set; } = true;

    /// <summary>
    /// The access token's cookie, sent with every request to the site (<c>Path=/</c>). The
    /// <c>__Host-</c> prefix makes browsers refuse it unless it is <c>Secure</c>, host-only and for
    /// the whole site. Default <c>__Host-jwtauth-access</c>.
    /// </summary>
    public string AccessCookieName { get; set; } = "__Host-jwtauth-access";

    /// <summary>
    /// The refresh token's cookie, sent only to the refresh endpoint (its <c>Path</c>). The
    /// <c>__Host-</c> prefix requires <c>Path=/</c>, which would send the refresh token with every
    /// request; <c>__Secure-</c> keeps the <c>Secure</c> guarantee and allows the narrow path.
    /// Default <c>__Secure-jwtauth-refresh</c>.
    /// </summary>
    public string RefreshCookieName { get; set; } = "__Secure-jwtauth-refresh";

    /// <summary>
    /// The header a cookie-authenticated unsafe request (POST, PUT, PATCH, DELETE) must carry, with
    /// any non-empty value. Another site cannot add a custom header to a cross-origin request
    /// without a CORS preflight the server does not grant. Default <c>X-JwtAuth-CSRF</c>.
    /// </summary>
    public string CsrfHeaderName { get; set; } = "X-JwtAuth-CSRF";

    /// <summary>
    /// Origins besides the server's own (<c>https://app.example.com</c>) whose pages may send
    /// cookie-authenticated unsafe requests; every other <c>Origin</c> is refused. Default none.
    /// </summary>
    public IList<string> TrustedOrigins { get; set; } = [];
}
