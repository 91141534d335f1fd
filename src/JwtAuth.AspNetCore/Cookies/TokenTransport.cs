namespace JwtAuth.Cookies;

/// <summary>Where obtain and refresh put the tokens they issue.</summary>
internal enum TokenTransport
{
    /// <summary>In the JSON body, as SimpleJWT does.</summary>
    Body,

    /// <summary>In cookies only (the body keeps the access token when it is not a cookie).</summary>
    Cookie,

    /// <summary>In cookies and in the body.</summary>
    CookieAndBody,
}
