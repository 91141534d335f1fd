using System.Reflection;

namespace JwtAuth.Server.Admin;

/// <summary>The admin page's two static files, embedded in the server so it needs no web root.</summary>
internal static class AdminPage
{
    private static readonly Lazy<string> HtmlText = new(() => Read("admin.html"));
    private static readonly Lazy<string> ScriptText = new(() => Read("admin.js"));

    // The page keeps its token in memory only and loads no third-party code.
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";

    public static IResult Html() => new PageResult(HtmlText.Value, "text/html; charset=utf-8");

    public static IResult Script() => new PageResult(ScriptText.Value, "text/javascript; charset=utf-8");

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"JwtAuth.Server.Admin.{name}")
            ?? throw new InvalidOperationException($"The admin page resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class PageResult(string content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = Policy;
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.WriteAsync(content);
        }
    }
}
