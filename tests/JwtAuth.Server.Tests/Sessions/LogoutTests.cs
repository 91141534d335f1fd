using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;

namespace JwtAuth.Server.Tests.Sessions;

public sealed class LogoutTests : ServerTestBase
{
    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice");
        await Host.RegisterAsync("bob");
    }

    [Fact]
    public async Task Logout_RevokesTheAccessTokenFromTheNextRequest()
    {
        var (access, refresh) = await Host.LoginAsync("alice");

        var logout = await Client.PostJsonAsync("/api/logout/", new { refresh }, access);

        logout.Status.ShouldBe(HttpStatusCode.ResetContent);
        logout.Body.ShouldBeEmpty();
        var me = await Client.GetAsync("/api/me/", access);
        me.Status.ShouldBe(HttpStatusCode.Unauthorized);
        me.Detail.ShouldBe("Token is blacklisted");
        me.Code.ShouldBe("token_not_valid");
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_WithoutBody_EndsTheBearersSession()
    {
        var (access, refresh) = await Host.LoginAsync("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/logout/");

        var logout = await Client.SendAsync(request, access);

        logout.Status.ShouldBe(HttpStatusCode.ResetContent);
        (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_WithRefreshTokenOfAnotherSession_Answers400AndEndsNothing()
    {
        var (access, _) = await Host.LoginAsync("alice");
        var (otherAccess, otherRefresh) = await Host.LoginAsync("alice");

        var logout = await Client.PostJsonAsync("/api/logout/", new { refresh = otherRefresh }, access);

        logout.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.GetAsync("/api/me/", otherAccess)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"refresh\":\"garbage\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"refresh\":[]}", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Logout_WithBadBody_Answers400(string body, HttpStatusCode expected)
    {
        var (access, _) = await Host.LoginAsync("alice");

        var logout = await Client.PostRawAsync("/api/logout/", body, "application/json", access);

        logout.Status.ShouldBe(expected, logout.ToString());
        (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_WithoutAuthentication_Answers401AndKeepsTheSession()
    {
        var (_, refresh) = await Host.LoginAsync("alice");

        (await Client.PostJsonAsync("/api/logout/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LogoutAll_EndsEverySessionOfTheUserOnly()
    {
        var (a1, r1) = await Host.LoginAsync("alice");
        var (a2, r2) = await Host.LoginAsync("alice");
        var (bobAccess, bobRefresh) = await Host.LoginAsync("bob");

        (await Client.PostJsonAsync("/api/logout/all/", null, a1)).Status.ShouldBe(HttpStatusCode.ResetContent);

        foreach (var access in new[] { a1, a2 })
        {
            (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        foreach (var refresh in new[] { r1, r2 })
        {
            (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await Client.GetAsync("/api/me/", bobAccess)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = bobRefresh })).Status.ShouldBe(HttpStatusCode.OK);
        var (fresh, _) = await Host.LoginAsync("alice");
        (await Client.GetAsync("/api/me/", fresh)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task LogoutOthers_KeepsOnlyTheCallersSession()
    {
        var (mine, myRefresh) = await Host.LoginAsync("alice");
        var (other, otherRefresh) = await Host.LoginAsync("alice");

        (await Client.PostJsonAsync("/api/logout/others/", null, mine)).Status.ShouldBe(HttpStatusCode.ResetContent);

        (await Client.GetAsync("/api/me/", other)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = otherRefresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync("/api/me/", mine)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = myRefresh })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sessions_ListsOwnSessionsAndDeleteEndsOnlyThatOne()
    {
        var (a1, _) = await Host.LoginAsync("bob");
        var (a2, r2) = await Host.LoginAsync("bob");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/sessions/");
        request.Headers.UserAgent.ParseAdd("test-agent/1.0");

        var list = await Client.SendAsync(request, a1);

        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        var sessions = list.Json.EnumerateArray().ToList();
        sessions.Count(s => s.GetProperty("current").GetBoolean()).ShouldBe(1);
        foreach (var field in new[] { "id", "created_at", "last_used_at", "expires_at", "user_agent", "ip_address", "sign_in_method", "current" })
        {
            sessions[0].TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        sessions.ShouldAllBe(s => s.GetProperty("sign_in_method").GetString() == "password");

        var current = sessions.Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();
        var otherId = (await Client.GetAsync("/api/sessions/", a2)).Json.EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()!;
        otherId.ShouldNotBe(current);

        var delete = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/sessions/{otherId}/"), a1);

        delete.Status.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync("/api/me/", a2)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = r2 })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync("/api/me/", a1)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.GetAsync("/api/sessions/", a1)).Json.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldNotContain(otherId);
    }

    [Theory]
    [InlineData("other-user")]
    [InlineData("not-an-id")]
    [InlineData("00000000000000000000000000000000")]
    public async Task Sessions_DeleteOfAnyoneElsesOrUnknownSession_Answers404(string which)
    {
        var (aliceAccess, _) = await Host.LoginAsync("alice");
        var (bobAccess, bobRefresh) = await Host.LoginAsync("bob");
        var id = which == "other-user"
            ? (await Client.GetAsync("/api/sessions/", bobAccess)).Json.EnumerateArray().First(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetString()
            : which;

        var delete = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/sessions/{id}/"), aliceAccess);

        delete.Status.ShouldBe(HttpStatusCode.NotFound);
        delete.Code.ShouldBe("not_found");
        (await Client.GetAsync("/api/me/", bobAccess)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = bobRefresh })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PasswordChange_EndsEveryOtherSession()
    {
        await Host.RegisterAsync("dave", "dave-password-1");
        var (mine, _) = await Host.LoginAsync("dave", "dave-password-1");
        var (other, otherRefresh) = await Host.LoginAsync("dave", "dave-password-1");

        var change = await Client.PostJsonAsync("/api/password/change/", new { old_password = "dave-password-1", new_password = "dave-password-2" }, mine);

        change.Status.ShouldBe(HttpStatusCode.NoContent, change.ToString());
        (await Client.GetAsync("/api/me/", other)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = otherRefresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.GetAsync("/api/me/", mine)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.PostJsonAsync("/api/token/", new { username = "dave", password = "dave-password-1" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        await Host.LoginAsync("dave", "dave-password-2");
    }

    [Fact]
    public async Task PasswordChange_WithWrongOldPassword_Answers400()
    {
        var (access, _) = await Host.LoginAsync("alice");

        var change = await Client.PostJsonAsync("/api/password/change/", new { old_password = "nope-nope-nope", new_password = "whatever-123" }, access);

        change.Status.ShouldBe(HttpStatusCode.BadRequest);
        change.Json.GetProperty("errors").GetProperty("old_password")[0].GetString().ShouldBe("Wrong password.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DisablingOrDeletingAUser_RevokesTheirAccessTokensAtOnce(bool delete)
    {
        var name = "erin" + (delete ? "d" : "x");
        await Host.RegisterAsync(name);
        var (access, refresh) = await Host.LoginAsync(name);
        (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        using (var scope = Host.Services.CreateScope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            (delete ? await administration.DeleteAsync(name) : await administration.SetActiveAsync(name, active: false))!.Succeeded.ShouldBeTrue();
        }

        var me = await Client.GetAsync("/api/me/", access);
        me.Status.ShouldBe(HttpStatusCode.Unauthorized);
        me.Detail.ShouldBe("Token is blacklisted");
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
