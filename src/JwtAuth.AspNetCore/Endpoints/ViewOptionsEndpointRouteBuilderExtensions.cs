using JwtAuth.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Answers <c>OPTIONS</c> on a route the way a Django REST Framework view does.</summary>
public static class ViewOptionsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>OPTIONS</c> on <paramref name="pattern"/>: 200 with <c>Allow</c> (the route's
    /// <paramref name="methods"/> and <c>OPTIONS</c>) and DRF's metadata body
    /// (<c>{"name", "renders", "parses"}</c>). The route's authorization is the caller's to add,
    /// as DRF checks permissions on <c>OPTIONS</c> too: a protected view answers 401 without a token.
    /// It is left out of API descriptions: every view answers it alike, and it describes the view
    /// rather than doing anything.
    /// </summary>
    public static RouteHandlerBuilder MapViewOptions(this IEndpointRouteBuilder endpoints, string pattern, string viewName, params string[] methods)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentException.ThrowIfNullOrEmpty(viewName);
        ArgumentNullException.ThrowIfNull(methods);

        var allow = string.Join(", ", [.. methods, HttpMethods.Options]);
        var body = new ViewOptionsResponse(viewName, ViewOptionsResponse.Rendered, ViewOptionsResponse.Parsed);
        return endpoints.MapMethods(pattern, [HttpMethods.Options], (HttpContext http) =>
        {
            http.Response.Headers[HeaderNames.Allow] = allow;
            return TypedResults.Ok(body);
        }).ExcludeFromDescription();
    }
}
