using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using JwtAuth.Endpoints;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Tests.Telegram;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace JwtAuth.Server.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> on a server with every optional part on (cookie mode, Telegram, rate
/// limits, the UI): a valid OpenAPI 3.1 document that lists every endpoint the server maps.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private const string ProblemSchema = "#/components/schemas/JwtAuthProblem";

    // The endpoints that do not appear in the document, each for a reason.
    private static readonly HashSet<string> Pages = ["/admin/", "/admin/admin.js", "/demo/", "/demo/demo.js"];

    // POST endpoints that act on the route alone and never read a body.
    private static readonly HashSet<string> BodylessPosts =
    [
        "/api/logout/all/", "/api/logout/others/",
        "/api/admin/users/{id}/disable/", "/api/admin/users/{id}/enable/", "/api/admin/users/{id}/logout/",
    ];

    private static readonly HashSet<string> ServiceEndpoints =
        [JwtAuthEndpointNames.RevocationFeed, JwtAuthEndpointNames.Introspect, JwtAuthEndpointNames.Revoke];

    private TestServerHost _host = null!;
    private string _json = null!;
    private JsonNode _document = null!;

    public async Task InitializeAsync()
    {
        _host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["JwtAuth:Cookies:Enabled"] = "true",
            ["JwtAuth:Telegram:BotToken"] = TelegramPayloads.BotToken,
            ["RateLimiting:Enabled"] = "true",
            ["OpenApi:UiEnabled"] = "true",
        });
        using var client = _host.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        _json = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, _json);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        _document = JsonNode.Parse(_json)!;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteDatabase();
    }

    [Fact]
    public void Document_IsValidOpenApi31()
    {
        ((string)_document["openapi"]!).ShouldStartWith("3.1.");

        var read = OpenApiDocument.Parse(_json, OpenApiConstants.Json, new OpenApiReaderSettings());
        read.Diagnostic!.Errors.ShouldBeEmpty(string.Join("; ", read.Diagnostic.Errors.Select(error => error.ToString())));
        read.Diagnostic.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_1);
        var errors = read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        errors.ShouldBeEmpty(string.Join("; ", errors.Select(error => error.ToString())));
    }

    [Fact]
    public void Document_ListsEveryMappedEndpoint_WithItsBodyProblemsAndSecurity()
    {
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = endpoints.SelectMany(endpoint => Methods(endpoint).Select(method => (Pattern: Pattern(endpoint), Method: method))).ToHashSet();
        var described = 0;
        foreach (var endpoint in endpoints)
        {
            var pattern = Pattern(endpoint);
            foreach (var method in Methods(endpoint))
            {
                if (IsExcluded(pattern, method, routes))
                {
                    continue;
                }

                var operation = _document["paths"]?[pattern]?[method.ToLowerInvariant()];
                operation.ShouldNotBeNull($"{method} {pattern} is not in the document");
                described++;
                if (method == HttpMethods.Post && !BodylessPosts.Contains(pattern))
                {
                    var content = operation["requestBody"]?["content"]?.AsObject();
                    content.ShouldNotBeNull($"{method} {pattern} reads a body the document does not describe");
                    content.ShouldAllBe(media => media.Value!["schema"] != null, $"{method} {pattern}");
                    content.Select(media => media.Key).ShouldBe(ExpectedMediaTypes(endpoint), ignoreOrder: true, $"{method} {pattern}");
                }

                if (!pattern.StartsWith("/health/", StringComparison.Ordinal))
                {
                    foreach (var (status, response) in operation["responses"]!.AsObject().Where(response => response.Key[0] is '4' or '5'))
                    {
                        ((string?)response?["content"]?["application/problem+json"]?["schema"]?["$ref"]).ShouldBe(ProblemSchema, $"{method} {pattern} {status}");
                    }
                }

                Security(operation).ShouldBe(ExpectedSecurity(endpoint), ignoreOrder: true, $"{method} {pattern}");
            }
        }

        // The server's own endpoints, not counting OPTIONS and HEAD: a count far below says the walk above missed them.
        described.ShouldBeGreaterThan(35);

        // And nothing is described that is not mapped.
        foreach (var (path, item) in _document["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject())
            {
                routes.ShouldContain((path, method.ToUpperInvariant()), $"{method} {path} is described but not mapped");
            }
        }
    }

    [Fact]
    public void Document_DescribesTheBearerCookieAndServiceSchemes()
    {
        var schemes = _document["components"]!["securitySchemes"]!;
        ((string?)schemes["bearer"]!["type"]).ShouldBe("http");
        ((string?)schemes["bearer"]!["scheme"]).ShouldBe("bearer");
        ((string?)schemes["bearer"]!["bearerFormat"]).ShouldBe("JWT");
        ((string?)schemes["cookie"]!["type"]).ShouldBe("apiKey");
        ((string?)schemes["cookie"]!["in"]).ShouldBe("cookie");
        ((string?)schemes["cookie"]!["name"]).ShouldBe("__Host-jwtauth-access");
        ((string)schemes["cookie"]!["description"]!).ShouldContain("X-JwtAuth-CSRF");
        ((string?)schemes["service"]!["scheme"]).ShouldBe("basic");
    }

    [Theory]
    [InlineData("/api/token/", "post", "")]
    [InlineData("/api/token/refresh/", "post", "")]
    [InlineData("/api/me/", "get", "bearer cookie")]
    [InlineData("/api/logout/", "post", "bearer cookie")]
    [InlineData("/api/admin/users/", "get", "bearer cookie")]
    [InlineData("/api/telegram/link/", "post", "bearer cookie")]
    [InlineData("/api/token/introspect/", "post", "service")]
    [InlineData("/.well-known/jwks.json", "get", "")]
    public void Operation_NamesTheSchemesItsEndpointAccepts(string path, string method, string schemes) =>
        Security(_document["paths"]![path]![method]!).ShouldBe(schemes.Split(' ', StringSplitOptions.RemoveEmptyEntries), ignoreOrder: true);

    [Fact]
    public void Document_DescribesTheProblemBody_AndTheRateLimits()
    {
        var problem = _document["components"]!["schemas"]!["JwtAuthProblem"]!;
        problem["required"]!.AsArray().Select(name => (string?)name).ShouldBe(["type", "title", "status", "detail", "code"], ignoreOrder: true);
        problem["properties"]!["errors"].ShouldNotBeNull();
        problem["properties"]!["messages"].ShouldNotBeNull();

        _document["paths"]!["/api/token/"]!["post"]!["responses"]!["429"].ShouldNotBeNull();
        _document["paths"]!["/api/token/verify/"]!["post"]!["responses"]!["429"].ShouldBeNull();
    }

    /// <summary>What the endpoints really answer has the members the schema requires, with a status the document lists.</summary>
    [Fact]
    public async Task ErrorAnswers_MatchTheDocumentedProblems()
    {
        await _host.RegisterAsync("alice");
        var (access, _) = await _host.LoginAsync("alice");
        using var client = _host.CreateClient();
        var required = _document["components"]!["schemas"]!["JwtAuthProblem"]!["required"]!.AsArray().Select(name => (string)name!).ToList();
        (string Method, string Path, HttpContent? Body, string? Bearer)[] requests =
        [
            ("POST", "/api/token/", JsonContent.Create(new { }), null),
            ("POST", "/api/token/", JsonContent.Create(new { username = "alice", password = "wrong-password" }), null),
            ("POST", "/api/token/", new StringContent("x", Encoding.UTF8, "text/plain"), null),
            ("POST", "/api/token/verify/", JsonContent.Create(new { token = "not.a.token" }), null),
            ("GET", "/api/me/", null, null),
            ("DELETE", "/api/sessions/not-a-session/", null, access),
            ("GET", "/api/admin/users/", null, access),
            ("GET", "/api/revocations/", null, null),
            ("POST", "/api/token/introspect/", JsonContent.Create(new { token = "x" }), null),
        ];
        foreach (var (method, path, body, bearer) in requests)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            status[0].ShouldBe('4', $"{method} {path}: {text}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = JsonNode.Parse(text)!.AsObject();
            required.ShouldAllBe(member => problem.ContainsKey(member), $"{method} {path}: {text}");
            ((int)problem["status"]!).ShouldBe((int)response.StatusCode);
            _document["paths"]![path.Replace("not-a-session", "{id}", StringComparison.Ordinal)]![method.ToLowerInvariant()]!["responses"]![status]
                .ShouldNotBeNull($"{method} {path} answered {status}, which the document does not list");
        }
    }

    // RFC 7662 and RFC 7009 take a form; every other body is read as DRF's parsers read one.
    private static string[] ExpectedMediaTypes(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is JwtAuthEndpointNames.Introspect or JwtAuthEndpointNames.Revoke
            ? ["application/x-www-form-urlencoded"]
            : ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    /// <summary>What the endpoints really answer on success has the members their documented schema requires.</summary>
    [Fact]
    public async Task SuccessAnswers_HaveTheMembersTheirSchemaRequires()
    {
        using var client = _host.CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/register/", new { username = "bob", password = "password-1234" });
        await ShouldMatchAsync(registered, "/api/register/", "post", "201");
        using var obtained = await client.PostAsJsonAsync("/api/token/", new { username = "bob", password = "password-1234" });
        var tokens = JsonNode.Parse(await obtained.Content.ReadAsStringAsync())!;
        await ShouldMatchAsync(obtained, "/api/token/", "post", "200");
        using var refreshed = await client.PostAsJsonAsync("/api/token/refresh/", new { refresh = (string)tokens["refresh"]! });
        await ShouldMatchAsync(refreshed, "/api/token/refresh/", "post", "200");
        await ShouldMatchAsync(await client.PostAsJsonAsync("/api/token/sliding/", new { username = "bob", password = "password-1234" }), "/api/token/sliding/", "post", "200");
        await ShouldMatchAsync(await client.GetAsync("/.well-known/openid-configuration"), "/.well-known/openid-configuration", "get", "200");

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)JsonNode.Parse(await refreshed.Content.ReadAsStringAsync())!["access"]!);
        await ShouldMatchAsync(await client.GetAsync("/api/me/"), "/api/me/", "get", "200");
        await ShouldMatchAsync(await client.GetAsync("/api/sessions/"), "/api/sessions/", "get", "200");
    }

    private async Task ShouldMatchAsync(HttpResponseMessage response, string path, string method, string status)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(status, $"{method} {path}: {text}");
        var schema = _document["paths"]![path]![method]!["responses"]![status]!["content"]!["application/json"]!["schema"]!;
        var body = JsonNode.Parse(text)!;
        if ((string?)schema["type"] == "array")
        {
            schema = schema["items"]!;
            body = body.AsArray().First()!;
        }

        var component = _document["components"]!["schemas"]![((string)schema["$ref"]!).Split('/')[^1]]!;
        var members = body.AsObject().Select(member => member.Key).ToList();
        (component["required"]?.AsArray().Select(name => (string)name!) ?? []).ShouldBeSubsetOf(members, $"{method} {path}: {text}");
        members.ShouldBeSubsetOf(component["properties"]!.AsObject().Select(property => property.Key), $"{method} {path}: {text}");
    }

    private static string Pattern(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    // Health checks answer every method (no method metadata); they are described, and probed, as GET.
    private static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get];

    private static bool IsExcluded(string pattern, string method, HashSet<(string Pattern, string Method)> routes) =>
        // The description and its UI do not describe themselves.
        pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/scalar", StringComparison.Ordinal)
        // DRF's metadata answer, the same on every view: said once in the document's description.
        || method == HttpMethods.Options
        // The GET's answer without its body (RFC 9110), on every GET: said once in the document's description.
        || (method == HttpMethods.Head && routes.Contains((pattern, HttpMethods.Get)))
        // The admin and demo pages' HTML and script, for browsers, not API calls.
        || Pages.Contains(pattern)
        // This test host's own endpoint, not the server's.
        || pattern == TestServerHost.ProtectedPath;

    private static IEnumerable<string> Security(JsonNode operation) =>
        operation["security"]?.AsArray().SelectMany(requirement => requirement!.AsObject().Select(scheme => scheme.Key)) ?? [];

    private static string[] ExpectedSecurity(RouteEndpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        if (metadata.GetMetadata<IEndpointNameMetadata>() is { } name && ServiceEndpoints.Contains(name.EndpointName))
        {
            return ["service"];
        }

        return metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0 && metadata.GetMetadata<IAllowAnonymous>() is null ? ["bearer", "cookie"] : [];
    }
}
