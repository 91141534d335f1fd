using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using JwtAuth.Testing;

namespace JwtAuth.Server.Tests.Accounts;

public sealed class AdminTests : ServerTestBase
{
    private string _adminAccess = null!;
    private string _bobId = null!;

    protected override async Task SeedAsync()
    {
        using (var scope = Host.Services.CreateScope())
        {
            var (admin, _) = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("root", "root-password-1", null, isAdmin: true);
            admin.ShouldNotBeNull();
        }

        (_adminAccess, _) = await Host.LoginAsync("root", "root-password-1");
        _bobId = await Host.RegisterAsync("bob");
    }

    [Fact]
    public async Task AdminPage_IsServedWithAStrictContentSecurityPolicy()
    {
        using var response = await Client.GetAsync(new Uri("/admin/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        html.ShouldContain("<script src=\"/admin/admin.js\"></script>");
        (await Client.GetAsync(new Uri("/admin/admin.js", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminApi_RefusesNonStaff()
    {
        var (bobAccess, _) = await Host.LoginAsync("bob");

        var response = await Client.GetAsync("/api/admin/users/", bobAccess);

        response.Status.ShouldBe(HttpStatusCode.Forbidden);
        response.Code.ShouldBe("permission_denied");
        (await Client.GetAsync("/api/admin/users/", bearer: null)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminApi_ListsUsersWithTheirActiveSessions()
    {
        await Host.LoginAsync("bob");
        await Host.LoginAsync("bob");

        var users = await Client.GetAsync("/api/admin/users/", _adminAccess);

        users.Status.ShouldBe(HttpStatusCode.OK);
        var bob = users.Json.GetProperty("results").EnumerateArray().Single(u => u.GetProperty("username").GetString() == "bob");
        bob.GetProperty("active_sessions").GetInt32().ShouldBe(2);
        var sessions = await Client.GetAsync($"/api/admin/users/{_bobId}/sessions/", _adminAccess);
        sessions.Json.GetProperty("count").GetInt32().ShouldBe(2);
        sessions.Json.GetProperty("results").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task AdminApi_SearchesUsersByPartOfTheNameOrEmail_InAnyCase()
    {
        await Host.RegisterAsync("Alice.Smith");
        await Host.RegisterAsync("carol");

        var byName = await Client.GetAsync("/api/admin/users/?search=ALICE", _adminAccess);
        var none = await Client.GetAsync("/api/admin/users/?search=nobody%25", _adminAccess);

        byName.Json.GetProperty("count").GetInt32().ShouldBe(1);
        byName.Json.GetProperty("results")[0].GetProperty("username").GetString().ShouldBe("Alice.Smith");
        none.Json.GetProperty("count").GetInt32().ShouldBe(0);
        none.Json.GetProperty("results").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AdminApi_PagesUsersAsDjangoRestFrameworkDoes()
    {
        foreach (var name in new[] { "user-a", "user-b", "user-c" })
        {
            await Host.RegisterAsync(name);
        }

        // root, bob, user-a, user-b, user-c by user name; two a page.
        var first = await Client.GetAsync("/api/admin/users/?page_size=2&search=user", _adminAccess);
        var next = first.Json.GetProperty("next").GetString()!;
        var second = await Client.GetAsync(next, _adminAccess);

        first.Json.GetProperty("count").GetInt32().ShouldBe(3);
        first.Json.GetProperty("previous").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        first.Json.GetProperty("results").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldBe(["user-a", "user-b"]);
        new Uri(next).Query.ShouldContain("page=2");
        new Uri(next).Query.ShouldContain("search=user");
        second.Json.GetProperty("results").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldBe(["user-c"]);
        second.Json.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        second.Json.GetProperty("previous").GetString().ShouldNotBeNull();
        foreach (var invalid in new[] { "page=3&page_size=2&search=user", "page=0", "page=x" })
        {
            var answer = await Client.GetAsync("/api/admin/users/?" + invalid, _adminAccess);
            answer.Status.ShouldBe(HttpStatusCode.NotFound, invalid);
            answer.Json.GetProperty("detail").GetString().ShouldBe("Invalid page.");
        }
    }

    [Fact]
    public async Task AdminApi_ListsTheUsersRefreshTokens_OutstandingAndBlacklisted()
    {
        var (_, refresh) = await Host.LoginAsync("bob");
        Host.Time.Advance(TimeSpan.FromSeconds(1));
        var rotated = await Client.PostJsonAsync("/api/token/refresh/", new { refresh });
        rotated.Status.ShouldBe(HttpStatusCode.OK);

        var tokens = await Client.GetAsync($"/api/admin/users/{_bobId}/tokens/", _adminAccess);

        tokens.Status.ShouldBe(HttpStatusCode.OK);
        tokens.Json.GetProperty("count").GetInt32().ShouldBe(2);
        var newest = tokens.Json.GetProperty("results")[0];
        var oldest = tokens.Json.GetProperty("results")[1];
        newest.GetProperty("jti").GetString().ShouldBe(TestJwt.Claims(rotated.Json.GetProperty("refresh").GetString()!).GetProperty("jti").GetString());
        newest.GetProperty("blacklisted_at").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        oldest.GetProperty("jti").GetString().ShouldBe(TestJwt.Claims(refresh).GetProperty("jti").GetString());
        oldest.GetProperty("blacklist_reason").GetString().ShouldBe("rotated");
        tokens.Body.ShouldNotContain(refresh);
        (await Client.GetAsync("/api/admin/users/999999/tokens/", _adminAccess)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminApi_EndsOneSession_AndItsAccessTokenIsRefusedAtOnce()
    {
        var (phone, _) = await Host.LoginAsync("bob");
        var (laptop, _) = await Host.LoginAsync("bob");
        var sessionId = TestJwt.Claims(phone).GetProperty("sid").GetString();

        (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/sessions/{sessionId}/"), _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);

        (await Client.GetAsync(TestServerHost.ProtectedPath, phone)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync(TestServerHost.ProtectedPath, laptop)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/sessions/{sessionId}/"), _adminAccess)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/sessions/not-a-session/"), _adminAccess)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AdminApi_DisableEndsSessionsAndEnableLetsTheUserBackIn()
    {
        var (bobAccess, _) = await Host.LoginAsync("bob");

        (await Client.PostJsonAsync($"/api/admin/users/{_bobId}/disable/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);

        (await Client.GetAsync("/api/me/", bobAccess)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/", new { username = "bob", password = "password-1234" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync($"/api/admin/users/{_bobId}/enable/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        await Host.LoginAsync("bob");
    }

    [Fact]
    public async Task AdminApi_EndSessionsAndDelete()
    {
        var (bobAccess, _) = await Host.LoginAsync("bob");

        (await Client.PostJsonAsync($"/api/admin/users/{_bobId}/logout/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync("/api/me/", bobAccess)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var delete = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/"), _adminAccess);
        delete.Status.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync($"/api/admin/users/{_bobId}/sessions/", _adminAccess)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Client.PostJsonAsync("/api/admin/users/no-such-user/disable/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
