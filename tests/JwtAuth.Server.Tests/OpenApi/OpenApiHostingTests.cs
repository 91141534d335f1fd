using System.Net;
using System.Text.Json.Nodes;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.OpenApi;

/// <summary>Where the document and its UI are served, by environment and settings.</summary>
public sealed class OpenApiHostingTests
{
    [Fact]
    public async Task Ui_InDevelopment_IsServed()
    {
        await using var host = await TestServerHost.StartAsync(environment: "Development");
        using var client = host.CreateClient();

        using var page = await client.GetAsync("/scalar/");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await page.Content.ReadAsStringAsync()).ShouldContain("<title>JwtAuth</title>");
    }

    /// <summary>
    /// Production publishes the document but not the UI; the UI's path is then an unknown route,
    /// answered as every other one (DRF's 404 problem). Without cookie mode there is no cookie scheme.
    /// </summary>
    [Fact]
    public async Task Ui_InProductionWithoutTheSetting_Is404_AndTheDocumentIsPublished()
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.CreateClient();

        using var page = await client.GetAsync("/scalar/");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await page.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"not_found\"");

        using var document = await client.GetAsync("/openapi/v1.json");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        var schemes = JsonNode.Parse(await document.Content.ReadAsStringAsync())!["components"]!["securitySchemes"]!.AsObject();
        schemes.Select(scheme => scheme.Key).ShouldBe(["bearer", "service"], ignoreOrder: true);

        (await client.GetAsync("/openapi/v2.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ui_InProductionWithTheSetting_IsServed()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["OpenApi:UiEnabled"] = "true" });
        using var client = host.CreateClient();

        (await client.GetAsync("/scalar/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Document_TurnedOff_Is404()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" }, environment: "Development");
        using var client = host.CreateClient();

        (await client.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/scalar/")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_WithTheUiButNoDocument_StopsWithAClearMessage()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["OpenApi:Enabled"] = "false",
            ["OpenApi:UiEnabled"] = "true",
        }));

        failure.Message.ShouldContain("OpenApi:UiEnabled is true but OpenApi:Enabled is false");
    }
}
