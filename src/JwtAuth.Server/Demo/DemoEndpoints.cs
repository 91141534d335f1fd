using JwtAuth.Cookies;
using JwtAuth.Server.Hosting;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Demo;

/// <summary>
/// <c>/demo/</c>: a small page that signs in, shows the user, refreshes, lists and ends sessions
/// and logs out in cookie mode, as a browser client of JwtAuth would. Mapped only when cookie mode
/// is on (<c>JwtAuth:Cookies:Enabled</c>).
/// </summary>
internal static class DemoEndpoints
{
    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<JwtAuthCookieOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        var html = EmbeddedPage.Load("Demo.demo.html");
        var script = EmbeddedPage.Load("Demo.demo.js");
        endpoints.MapGet("/demo/", () => html).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/demo/demo.js", () => script).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }
}
