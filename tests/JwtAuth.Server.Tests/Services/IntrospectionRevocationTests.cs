using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;

namespace JwtAuth.Server.Tests.Services;

/// <summary>
/// RFC 7662 introspection and RFC 7009 revocation: for services with credentials only; active only
/// for a token every JwtAuth endpoint would accept; revocation ends the token's session.
/// </summary>
public sealed class IntrospectionRevocationTests : ServiceTestBase
{
    private string _userId = null!;
    private string _access = null!;
    private string _refresh = null!;

    protected override async Task SeedAsync()
    {
        _userId = await Host.RegisterAsync("alice");
        (_access, _refresh) = await Host.LoginAsync("alice");
    }

    [Fact]
    public async Task Introspect_ActiveAccessToken_IsActive_WithWhatItSays()
    {
        var answer = await IntrospectAsync(_access);

        answer.GetProperty("active").GetBoolean().ShouldBeTrue();
        answer.GetProperty("token_use").GetString().ShouldBe("access");
        answer.GetProperty("sub").GetString().ShouldBe(_userId);
        answer.GetProperty("sid").GetString().ShouldBe(TestJwt.Claims(_access).GetProperty("sid").GetString());
        answer.GetProperty("exp").GetInt64().ShouldBe(TestJwt.Claims(_access).GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Introspect_ActiveRefreshToken_IsActive()
    {
        var answer = await IntrospectAsync(_refresh);
        answer.GetProperty("active").GetBoolean().ShouldBeTrue();
        answer.GetProperty("token_use").GetString().ShouldBe("refresh");
    }

    [Fact]
    public async Task Introspect_ExpiredToken_IsInactive()
    {
        Host.Time.Advance(TimeSpan.FromMinutes(6));
        await AssertInactiveAsync(_access);
    }

    [Fact]
    public async Task Introspect_AfterLogout_AccessAndRefresh_AreInactive()
    {
        using (var logout = new HttpRequestMessage(HttpMethod.Post, "/api/logout/") { Content = JsonContent(new { refresh = _refresh }) })
        {
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _access);
            (await Client.SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.ResetContent);
        }

        await AssertInactiveAsync(_access);
        await AssertInactiveAsync(_refresh);
    }

    [Fact]
    public async Task Introspect_RotatedOutRefreshToken_IsInactive()
    {
        (await Client.PostAsync("/api/token/refresh/", JsonContent(new { refresh = _refresh }))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AssertInactiveAsync(_refresh);
    }

    [Fact]
    public async Task Introspect_WrongType_Foreign_OrMalformed_IsInactive()
    {
        await AssertInactiveAsync(TestJwt.Resign(_access, TestServerHost.SigningKey, payload => payload["token_type"] = "id"));
        await AssertInactiveAsync(TestJwt.Resign(_access, "another-servers-key-0123456789abcdef0123456789"));
        await AssertInactiveAsync("not-a-token");
    }

    [Fact]
    public async Task Introspect_WithoutToken_Is400_AndNotAForm_Is415()
    {
        using var missing = await PostAsync("/api/token/introspect/", new FormUrlEncodedContent([]));
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("The 'token' parameter is required.");

        using var json = await PostAsync("/api/token/introspect/", JsonContent(new { token = _access }));
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("/api/token/introspect/")]
    [InlineData("/api/token/revoke/")]
    [InlineData("/api/revocations/")]
    public async Task ServiceEndpoints_RefuseCallersWithoutServiceCredentials(string path)
    {
        foreach (var credentials in new AuthenticationHeaderValue?[]
        {
            null,
            new("Bearer", _access),
            Basic(Service, "a-wrong-secret-0123456789abcdef0123456789"),
            Basic("unknown-service", Secret),
            new("Basic", "not-base64"),
        })
        {
            using var request = new HttpRequestMessage(path.EndsWith("revocations/") ? HttpMethod.Get : HttpMethod.Post, path)
            {
                Content = path.EndsWith("revocations/") ? null : Form(_access),
            };
            request.Headers.Authorization = credentials;
            using var response = await Client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{path} with {credentials}");
            response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
            (await response.Content.ReadAsStringAsync()).ShouldNotContain(Secret);
        }

        // Nothing was revoked by the refused calls.
        (await IntrospectAsync(_access)).GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Revoke_ValidToken_EndsItsSession(bool presentAccess)
    {
        using var response = await PostAsync("/api/token/revoke/", Form(presentAccess ? _access : _refresh));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Get, TestServerHost.ProtectedPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _access);
        (await Client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostAsync("/api/token/refresh/", JsonContent(new { refresh = _refresh }))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await AssertInactiveAsync(_access);
    }

    [Fact]
    public async Task Revoke_InvalidExpiredWrongTypeOrForeignToken_Answers200_AndRevokesNothing()
    {
        foreach (var token in new[]
        {
            "not-a-token",
            TestJwt.Resign(_access, TestServerHost.SigningKey, payload => payload["token_type"] = "id"),
            TestJwt.Resign(_access, "another-servers-key-0123456789abcdef0123456789"),
        })
        {
            using var response = await PostAsync("/api/token/revoke/", Form(token));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await IntrospectAsync(_access)).GetProperty("active").GetBoolean().ShouldBeTrue();

        Host.Time.Advance(TimeSpan.FromMinutes(6));
        using var expired = await PostAsync("/api/token/revoke/", Form(_access));
        expired.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await IntrospectAsync(_refresh)).GetProperty("active").GetBoolean().ShouldBeTrue();
    }

    private async Task<JsonElement> IntrospectAsync(string token)
    {
        using var response = await PostAsync("/api/token/introspect/", Form(token));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task AssertInactiveAsync(string token)
    {
        var answer = await IntrospectAsync(token);
        answer.GetProperty("active").GetBoolean().ShouldBeFalse();
        // An inactive token's answer says nothing else (RFC 7662 §2.2).
        answer.EnumerateObject().Count().ShouldBe(1);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = Credentials;
        return await Client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string token) => new([new("token", token)]);

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
