using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace JwtAuth.Server.OpenApi;

/// <summary>
/// The server's API description: <c>/openapi/v1.json</c> (OpenAPI 3.1), published unless
/// <c>OpenApi:Enabled</c> is false, and a browsable reference (Scalar) at <c>/scalar/</c>, on in
/// Development and elsewhere only when <c>OpenApi:UiEnabled</c> is true.
/// </summary>
internal static class ServerOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPattern = "/openapi/{documentName}.json";
    public const string UiPrefix = "/scalar";

    private const string EnabledKey = "OpenApi:Enabled";
    private const string UiEnabledKey = "OpenApi:UiEnabled";

    /// <summary>Registers the document unless it is turned off; refuses a UI without its document.</summary>
    public static void AddServerOpenApi(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue(EnabledKey, true))
        {
            if (configuration.GetValue<bool>(UiEnabledKey))
            {
                throw new InvalidOperationException($"{UiEnabledKey} is true but {EnabledKey} is false: the UI shows the document, so it needs it published.");
            }

            return;
        }

        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<ServerDocumentTransformer>();
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<RequestBodyMediaTypesTransformer>();
        });
    }

    /// <summary>Maps the document and, when it is on, the UI: both anonymous, as the document holds nothing secret.</summary>
    public static void MapServerOpenApi(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (!configuration.GetValue(EnabledKey, true))
        {
            return;
        }

        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        if (configuration.GetValue(UiEnabledKey, app.Environment.IsDevelopment()))
        {
            // Scalar's default fonts come from its CDN: the page would call out of the server for nothing it needs.
            app.MapScalarApiReference(UiPrefix, options => options
                    .WithTitle("JwtAuth")
                    .WithOpenApiRoutePattern(DocumentPattern)
                    .DisableDefaultFonts()
                    .AddPreferredSecuritySchemes(SecuritySchemesTransformer.Bearer))
                .AllowAnonymous();
        }
    }
}
