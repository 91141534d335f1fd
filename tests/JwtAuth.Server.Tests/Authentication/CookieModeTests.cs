using System.Net;
using System.Net.Http.Json;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Server.Tests.Authentication;

/// <summary>Cookie mode on the wire: which cookies, with which attributes, and the CSRF rule.</summary>
public sealed class CookieModeTests
{
    private const string Access = "__Host-jwtauth-access";
    private const string Refresh = "__Secure-jwtauth-refresh";
    private static readonly Dictionary<string, string?> On = new() { ["JwtAuth:Cookies:Enabled"] = "true" };

    [Fact]
    public async Task Login_AskingForCookies_SetsHttpOnlySecureStrictCookies_AndAnswersNoTokenInTheBody()
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();

        using var login = await LoginAsync(client, "cookie");

        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await login.Content.ReadAsStringAsync()).ShouldBe("{}");
        var cookies = SetCookies(login);
        var access = cookies[Access];
        access.HttpOnly.ShouldBeTrue();
        access.Secure.ShouldBeTrue();
        access.SameSite.ShouldBe(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        access.Path.ToString().ShouldBe("/");
        access.Domain.HasValue.ShouldBeFalse();
        access.Expires.ShouldNotBeNull();
        var refresh = cookies[Refresh];
        refresh.HttpOnly.ShouldBeTrue();
        refresh.Secure.ShouldBeTrue();
        refresh.SameSite.ShouldBe(Microsoft.Net.Http.Headers.SameSiteMode.Strict);
        refresh.Path.ToString().ShouldBe("/api/token/refresh/");
        refresh.Expires!.Value.ShouldBeGreaterThan(access.Expires!.Value);
    }

    [Fact]
    public async Task CookieMode_IsOffByDefault_TheTransportHeaderAndCookiesAreIgnored()
    {
        await using var host = await StartAsync(null);
        using var client = host.CreateClient();

        using var login = await LoginAsync(client, "cookie");
        var body = await login.Content.ReadFromJsonAsync<Dictionary<string, string>>();

        login.Headers.Contains(HeaderNames.SetCookie).ShouldBeFalse();
        body!.Keys.ShouldBe(["refresh", "access"], ignoreOrder: true);
        using var me = await SendAsync(client, HttpMethod.Get, "/api/me/", Cookie(Access, body["access"]));
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessCookie_AuthenticatesSafeRequests_AndABearerHeaderWins()
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();
        var cookies = SetCookies(await LoginAsync(client, "cookie"));
        var cookie = Cookie(Access, cookies[Access].Value.ToString());

        using var me = await SendAsync(client, HttpMethod.Get, "/api/me/", cookie);
        using var withBadBearer = await SendAsync(client, HttpMethod.Get, "/api/me/", cookie, ("Authorization", "Bearer not-a-token"));

        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        withBadBearer.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnsafeCookieRequest_WithoutTheCsrfHeader_OrFromAForeignOrigin_Is403_AndChangesNothing()
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();
        var cookies = SetCookies(await LoginAsync(client, "cookie"));
        var cookie = Cookie(Access, cookies[Access].Value.ToString());

        using var noHeader = await SendAsync(client, HttpMethod.Post, "/api/logout/all/", cookie);
        using var foreign = await SendAsync(client, HttpMethod.Post, "/api/logout/all/", cookie, ("X-JwtAuth-CSRF", "1"), ("Origin", "https://evil.example"));

        foreach (var refused in new[] { noHeader, foreign })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"csrf_failed\"");
            refused.Headers.WwwAuthenticate.ShouldBeEmpty();
        }

        using var me = await SendAsync(client, HttpMethod.Get, "/api/me/", cookie);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_WithTheCsrfHeaderFromTheSameOrigin_ClearsTheCookies_AndTheAccessCookieIsRefusedAtOnce()
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();
        var cookies = SetCookies(await LoginAsync(client, "cookie"));
        var both = Cookie(Access, cookies[Access].Value.ToString()) + "; " + Cookie(Refresh, cookies[Refresh].Value.ToString());
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        using var logout = await SendAsync(client, HttpMethod.Post, "/api/logout/", both, ("X-JwtAuth-CSRF", "1"), ("Origin", origin));

        logout.StatusCode.ShouldBe(HttpStatusCode.ResetContent);
        var cleared = SetCookies(logout);
        cleared[Access].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        cleared[Refresh].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        cleared[Refresh].Path.ToString().ShouldBe("/api/token/refresh/");
        using var me = await SendAsync(client, HttpMethod.Get, "/api/me/", both);
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", "/api/logout/all/")]
    [InlineData("DELETE", "/api/sessions/{sid}/")]
    public async Task LogoutAll_AndEndingTheCurrentSession_ClearTheCookies(string method, string path)
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();
        var cookies = SetCookies(await LoginAsync(client, "cookie"));
        var access = cookies[Access].Value.ToString();
        var cookie = Cookie(Access, access);
        var sessionId = JwtAuth.Testing.TestJwt.Claims(access).GetProperty("sid").GetString();

        using var ended = await SendAsync(client, new HttpMethod(method), path.Replace("{sid}", sessionId, StringComparison.Ordinal), cookie, ("X-JwtAuth-CSRF", "1"));

        ended.IsSuccessStatusCode.ShouldBeTrue();
        var cleared = SetCookies(ended);
        cleared.Keys.ShouldBe([Refresh, Access], ignoreOrder: true);
        cleared.Values.ShouldAllBe(c => c.Expires!.Value < DateTimeOffset.UtcNow);
        (await SendAsync(client, HttpMethod.Get, "/api/me/", cookie)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefreshCookie_Rotates_AndItsReuseEndsTheSession_AndClearsTheCookies()
    {
        await using var host = await StartAsync(On);
        using var client = host.CreateClient();
        var first = SetCookies(await LoginAsync(client, "cookie"));
        var firstRefresh = Cookie(Refresh, first[Refresh].Value.ToString());
        host.Time.Advance(TimeSpan.FromSeconds(1));

        using var noCsrf = await SendAsync(client, HttpMethod.Post, "/api/token/refresh/", firstRefresh);
        using var refreshed = await SendAsync(client, HttpMethod.Post, "/api/token/refresh/", firstRefresh, ("X-JwtAuth-CSRF", "1"));

        noCsrf.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refreshed.Content.ReadAsStringAsync()).ShouldBe("{}");
        var second = SetCookies(refreshed);
        second[Refresh].Value.ToString().ShouldNotBe(first[Refresh].Value.ToString());
        var newAccess = Cookie(Access, second[Access].Value.ToString());
        (await SendAsync(client, HttpMethod.Get, "/api/me/", newAccess)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var reuse = await SendAsync(client, HttpMethod.Post, "/api/token/refresh/", firstRefresh, ("X-JwtAuth-CSRF", "1"));

        reuse.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        SetCookies(reuse)[Refresh].Expires!.Value.ShouldBeLessThan(DateTimeOffset.UtcNow);
        (await SendAsync(client, HttpMethod.Get, "/api/me/", newAccess)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task BearerRequests_AreNotSubjectToTheCsrfCheck_AndGetNoCookies()
    {
        await using var host = await StartAsync(On);
        var (access, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var refreshed = await client.PostJsonAsync("/api/token/refresh/", new { refresh });
        var logout = await client.PostJsonAsync("/api/logout/all/", null, refreshed.Field("access"));

        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        refreshed.Json.TryGetProperty("refresh", out _).ShouldBeTrue();
        logout.Status.ShouldBe(HttpStatusCode.ResetContent);
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AccessTokenKeptInMemory_OnlyTheRefreshTokenIsACookie()
    {
        await using var host = await StartAsync(new() { ["JwtAuth:Cookies:Enabled"] = "true", ["JwtAuth:Cookies:AccessTokenInCookie"] = "false" });
        using var client = host.CreateClient();

        using var login = await LoginAsync(client, "cookie");
        using var both = await LoginAsync(client, "cookie+body");

        (await login.Content.ReadFromJsonAsync<Dictionary<string, string>>())!.Keys.ShouldBe(["access"]);
        SetCookies(login).Keys.ShouldBe([Refresh]);
        (await both.Content.ReadFromJsonAsync<Dictionary<string, string>>())!.Keys.ShouldBe(["refresh", "access"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("JwtAuth:Cookies:RefreshCookieName", "__Host-refresh", "cannot take the __Host- prefix")]
    [InlineData("JwtAuth:Cookies:TrustedOrigins:0", "https://app.example/path", "is not an origin")]
    [InlineData("JwtAuth:Cookies:AccessCookieName", "__Secure-jwtauth-refresh", "two different cookie names")]
    public async Task UnsafeCookieSettings_StopTheStart(string key, string value, string message)
    {
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:Cookies:Enabled"] = "true", [key] = value }));

        failure.Message.ShouldContain(message);
    }

    private static async Task<TestServerHost> StartAsync(Dictionary<string, string?>? settings)
    {
        var host = await TestServerHost.StartAsync(settings);
        await host.RegisterAsync("alice");
        return host;
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string transport)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/token/") { Content = JsonContent.Create(new { username = "alice", password = "password-1234" }) };
        request.Headers.Add("X-JwtAuth-Transport", transport);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookie, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    private static string Cookie(string name, string value) => $"{name}={value}";

    private static Dictionary<string, SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HeaderNames.SetCookie, out var values)
            ? SetCookieHeaderValue.ParseList(values.ToList()).ToDictionary(c => c.Name.ToString())
            : [];
}
