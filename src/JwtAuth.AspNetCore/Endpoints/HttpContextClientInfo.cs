using JwtAuth.Flows;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Endpoints;

/// <summary>The flows' view of the caller, taken from the request.</summary>
internal static class HttpContextClientInfo
{
    public static ClientInfo GetClientInfo(this HttpContext http) =>
        new(http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers[HeaderNames.UserAgent].ToString());
}
