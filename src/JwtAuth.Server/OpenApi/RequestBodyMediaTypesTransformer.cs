using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JwtAuth.Server.OpenApi;

/// <summary>
/// Lists a hand-read body under every media type its endpoint declares (JSON, form, multipart):
/// the libraries declare them as <see cref="IApiRequestMetadataProvider"/> rather than as
/// <c>Accepts</c>, which routing would enforce with a bare 415, and the minimal API explorer
/// describes such a body as JSON only.
/// </summary>
internal sealed class RequestBodyMediaTypesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<IApiRequestMetadataProvider>().ToList();
        if (declared.Count == 0 || operation.RequestBody is not OpenApiRequestBody { Content: { Count: > 0 } content } body)
        {
            return Task.CompletedTask;
        }

        var mediaTypes = new MediaTypeCollection();
        foreach (var provider in declared)
        {
            provider.SetContentTypes(mediaTypes);
        }

        var schema = content.Values.First().Schema;
        body.Content = mediaTypes.ToDictionary(mediaType => mediaType, _ => new OpenApiMediaType { Schema = schema }, StringComparer.OrdinalIgnoreCase);
        return Task.CompletedTask;
    }
}
