using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace JwtAuth.Server.Admin;

/// <summary>Describes a paged staff endpoint (<see cref="AdminPagination"/>) in the API description.</summary>
internal static class AdminPageDescription
{
    /// <summary>
    /// 200 with a page of <typeparamref name="T"/>, 404 past the end, and the <c>page</c> and
    /// <c>page_size</c> query parameters, which the handlers read themselves (so that a page that
    /// is no number answers DRF's 404 rather than a binding error).
    /// </summary>
    public static RouteHandlerBuilder ProducesPage<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<AdminPagination.AdminPageResponse<T>>().AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("page", "The page, from 1 (absent: 1); past the end 404 \"Invalid page.\".", 1));
            operation.Parameters.Add(Query("page_size", $"Entries a page (absent: {AdminPagination.DefaultPageSize}); more than {AdminPagination.MaxPageSize} is read as {AdminPagination.MaxPageSize}.", AdminPagination.DefaultPageSize));
            return Task.CompletedTask;
        });

    private static OpenApiParameter Query(string name, string description, int absent) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Default = JsonValue.Create(absent) },
    };
}
