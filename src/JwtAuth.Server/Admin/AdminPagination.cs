using System.Text.Json.Serialization;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Admin;

/// <summary>
/// Django REST Framework's page-number pagination for the staff API: <c>?page=N</c> (from 1) and
/// <c>?page_size=N</c> (at most <see cref="MaxPageSize"/>), answered as
/// <c>{"count", "next", "previous", "results"}</c>; a page that is not a number or lies past the
/// end answers 404 ServerMessages.Translations.Translate(ServerMessages.InvalidPage) as DRF does.
/// </summary>
internal sealed record AdminPagination(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The page the request asks for, or null when its <c>page</c> is not a positive number.</summary>
    public static AdminPagination? From(HttpRequest request)
    {
        var page = 1;
        if (request.Query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, out page) || page < 1))
        {
            return null;
        }

        // DRF ignores a page size it cannot read and caps a large one.
        var size = int.TryParse(request.Query["page_size"], out var asked) && asked > 0 ? Math.Min(asked, MaxPageSize) : DefaultPageSize;
        return new AdminPagination(page, size);
    }

    /// <summary>This page of <paramref name="results"/> out of <paramref name="count"/>, or 404 past the end.</summary>
    public IResult Answer<T>(HttpRequest request, int count, IReadOnlyList<T> results)
    {
        if (Page > 1 && Skip >= count)
        {
            return InvalidPage();
        }

        return TypedResults.Ok(new AdminPageResponse<T>(
            count,
            Skip + results.Count < count ? Link(request, Page + 1) : null,
            Page > 1 ? Link(request, Page - 1) : null,
            results));
    }

    public static IResult InvalidPage() =>
        JwtAuthProblems.Problem(StatusCodes.Status404NotFound, ServerMessages.Translations.Translate(ServerMessages.InvalidPage), JwtAuthErrorCodes.NotFound);

    private static string Link(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = new QueryBuilder(query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, builder.ToQueryString());
    }

    internal sealed record AdminPageResponse<T>(
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("next")] string? Next,
        [property: JsonPropertyName("previous")] string? Previous,
        [property: JsonPropertyName("results")] IReadOnlyList<T> Results);
}
