using JwtAuth.Endpoints;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Describes JwtAuth-style endpoints for API descriptions (OpenAPI): the bodies they read by hand
/// and their problem answers. Metadata only, from ASP.NET Core itself, so no OpenAPI package is needed.
/// </summary>
public static class JwtAuthEndpointDescriptionExtensions
{
    /// <summary>
    /// Declares that the endpoint answers <paramref name="statusCodes"/> with JwtAuth's problem body
    /// (<c>application/problem+json</c> with <c>detail</c> and <c>code</c>, and <c>errors</c> on a 400).
    /// On a route group it applies to every endpoint of the group.
    /// </summary>
    public static TBuilder ProducesJwtAuthProblem<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(statusCodes);

        builder.Add(endpoint =>
        {
            foreach (var statusCode in statusCodes)
            {
                endpoint.Metadata.Add(JwtAuthProblems.ResponseMetadata(statusCode));
            }
        });
        return builder;
    }

    /// <summary>
    /// Declares a body of <typeparamref name="TRequest"/>'s shape in every media type
    /// <see cref="RequestBody"/> reads (JSON, <c>application/x-www-form-urlencoded</c>, <c>multipart/form-data</c>),
    /// and the problems it answers for a body it cannot read: 400 (malformed, or a field missing or
    /// wrong), 408 (late), 413 (too large) and 415 (another media type).
    /// </summary>
    public static RouteHandlerBuilder AcceptsJwtAuthBody<TRequest>(this RouteHandlerBuilder builder, bool isOptional = false)
        where TRequest : notnull
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.DescribesBody<TRequest>(isOptional, ViewOptionsResponse.Parsed)
            .ProducesJwtAuthProblem(
                StatusCodes.Status400BadRequest, StatusCodes.Status408RequestTimeout,
                StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>
    /// Declares what a login answers (<c>/api/token/</c>, <see cref="JwtAuthSignIn.IssueTokensAsync"/>):
    /// 200 with the refresh/access pair, or with <paramref name="sliding"/> the sliding token, and
    /// 401 <c>no_active_account</c>.
    /// </summary>
    public static RouteHandlerBuilder ProducesJwtAuthTokens(this RouteHandlerBuilder builder, bool sliding = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return (sliding ? builder.Produces<SlidingResponse>() : builder.Produces<TokenPairResponse>())
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
    }

    /// <summary>
    /// Describes a body of <typeparamref name="TRequest"/>'s shape in <paramref name="mediaTypes"/>
    /// without asking routing to enforce them (the metadata's empty media type list): the endpoint
    /// reads the body itself and answers any other type with its own problem.
    /// </summary>
    internal static RouteHandlerBuilder DescribesBody<TRequest>(this RouteHandlerBuilder builder, bool isOptional, IReadOnlyList<string> mediaTypes) =>
        builder.WithMetadata(new AcceptsMetadata([], typeof(TRequest), isOptional), new RequestBodyMediaTypes(mediaTypes));
}
