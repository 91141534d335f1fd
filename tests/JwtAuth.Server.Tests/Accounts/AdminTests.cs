using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;

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
        var bob = users.Json.EnumerateArray().Single(u => u.GetProperty("username").GetString() == "bob");
        bob.GetProperty("active_sessions").GetInt32().ShouldBe(2);
        var sessions = (await Client.GetAsync($"/api/admin/users/{_bobId}/sessions/", _adminAccess)).Json;
        sessions.GetArrayLength().ShouldBe(2);
        sessions.EnumerateArray().ShouldAllBe(session => session.GetProperty("sign_in_method").GetString() == "password");
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
