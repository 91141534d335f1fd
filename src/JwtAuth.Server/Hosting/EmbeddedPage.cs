using System.Reflection;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// A static file of the server's own pages (admin, demo), embedded in the assembly so the server
/// needs no web root, served under a strict content security policy.
/// </summary>
internal sealed class EmbeddedPage : IResult
{
    // The pages load no third-party code and keep their tokens out of page script's reach.
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'";

    private readonly string _content;
    private readonly string _contentType;

    private EmbeddedPage(string content, string contentType)
    {
        _content = content;
        _contentType = contentType;
    }

    /// <summary>The resource <c>JwtAuth.Server.{name}</c>, read once.</summary>
    public static EmbeddedPage Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"JwtAuth.Server.{name}")
            ?? throw new InvalidOperationException($"The page resource {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        var contentType = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
        return new EmbeddedPage(reader.ReadToEnd(), contentType);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ContentSecurityPolicy = Policy;
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentType = _contentType;
        return httpContext.Response.WriteAsync(_content);
    }
}
