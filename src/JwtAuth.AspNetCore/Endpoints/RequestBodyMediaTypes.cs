using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace JwtAuth.Endpoints;

/// <summary>
/// The media types a hand-read body may have, for API descriptions only. <c>Accepts</c> would
/// declare them as <see cref="Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata"/>, which routing
/// also enforces: it would answer another media type with a bare 415 before the endpoint runs, where
/// the endpoint answers DRF's problem. MVC's API explorer reads this interface; the minimal API
/// explorer does not, so a document generator needs a step that applies it (the server has one).
/// </summary>
internal sealed class RequestBodyMediaTypes(IReadOnlyList<string> mediaTypes) : IApiRequestMetadataProvider
{
    public void SetContentTypes(MediaTypeCollection contentTypes)
    {
        contentTypes.Clear();
        foreach (var mediaType in mediaTypes)
        {
            contentTypes.Add(mediaType);
        }
    }
}
