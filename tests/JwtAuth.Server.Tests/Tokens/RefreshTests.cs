using JwtAuth.Testing;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Tokens;

public sealed class RefreshTests
{
    [Fact]
    public async Task Refresh_RotatesToANewTokenOfTheSameSession()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (_, r0) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var response = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });

        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
        var r1 = TestJwt.Claims(response.Field("refresh"));
        var old = TestJwt.Claims(r0);
        r1.GetProperty("jti").GetString().ShouldNotBe(old.GetProperty("jti").GetString());
        r1.GetProperty("sid").GetString().ShouldBe(old.GetProperty("sid").GetString());
        (r1.GetProperty("exp").GetInt64() - r1.GetProperty("iat").GetInt64()).ShouldBe(86_400);
        (await client.GetAsync("/api/me/", response.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_WithRotatedOutToken_RevokesWholeSession()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (a0, r0) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        var first = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });
        var second = await client.PostJsonAsync("/api/token/refresh/", new { refresh = first.Field("refresh") });
        var (a2, r2) = (second.Field("access"), second.Field("refresh"));

        var reuse = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });

        reuse.Status.ShouldBe(HttpStatusCode.Unauthorized);
        reuse.Detail.ShouldBe("Token is blacklisted");
        reuse.Code.ShouldBe("token_not_valid");
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = r2 })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/me/", a2)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/me/", a0)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_HundredConcurrentOfOneToken_ExactlyOneWinsAndNone5xx()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (_, r0) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, 100).Select(async _ =>
        {
            await start.WaitAsync();
            return (await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 })).Status;
        }).ToList();
        start.Release(100);
        var statuses = await Task.WhenAll(requests);

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(99);
    }

    [Fact]
    public async Task Refresh_RetryOfParentWithinGracePeriod_ReturnsTheSameSuccessor()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:RefreshReuseGracePeriod"] = "00:00:10" });
        await host.RegisterAsync("alice");
        var (_, r0) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        var first = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });
        host.Time.Advance(TimeSpan.FromSeconds(5));

        var retry = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });

        retry.Status.ShouldBe(HttpStatusCode.OK, retry.ToString());
        TestJwt.Claims(retry.Field("refresh")).GetProperty("jti").GetString().ShouldBe(TestJwt.Claims(first.Field("refresh")).GetProperty("jti").GetString());
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = first.Field("refresh") })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_RetryOfParentAfterGracePeriod_IsReuse()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:RefreshReuseGracePeriod"] = "00:00:10" });
        await host.RegisterAsync("alice");
        var (_, r0) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        var first = await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 });
        host.Time.Advance(TimeSpan.FromSeconds(11));

        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = r0 })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = first.Field("refresh") })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_NeverPassesTheSessionsAbsoluteEnd()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:SessionLifetime"] = "2.00:00:00" });
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        var sessionEnd = host.Time.GetUtcNow().AddDays(2).ToUnixTimeSeconds();
        using var client = host.CreateClient();

        host.Time.Advance(TimeSpan.FromHours(20));
        var middle = await client.PostJsonAsync("/api/token/refresh/", new { refresh });
        middle.Status.ShouldBe(HttpStatusCode.OK, middle.ToString());
        host.Time.Advance(TimeSpan.FromHours(20));
        var late = await client.PostJsonAsync("/api/token/refresh/", new { refresh = middle.Field("refresh") });
        late.Status.ShouldBe(HttpStatusCode.OK, late.ToString());
        TestJwt.Claims(late.Field("refresh")).GetProperty("exp").GetInt64().ShouldBe(sessionEnd);
        TestJwt.Claims(late.Field("access")).GetProperty("exp").GetInt64().ShouldBeLessThanOrEqualTo(sessionEnd);

        host.Time.Advance(TimeSpan.FromHours(9));
        var afterEnd = await client.PostJsonAsync("/api/token/refresh/", new { refresh = late.Field("refresh") });
        afterEnd.Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sessions_IdleLongerThanTheRefreshLifetime_AreNoLongerListed_ButRotationKeepsThemAlive()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (_, idleRefresh) = await host.LoginAsync("alice");
        var (_, busyRefresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        host.Time.Advance(TimeSpan.FromHours(20));
        var rotated = await client.PostJsonAsync("/api/token/refresh/", new { refresh = busyRefresh });
        rotated.Status.ShouldBe(HttpStatusCode.OK);
        host.Time.Advance(TimeSpan.FromHours(5));
        rotated = await client.PostJsonAsync("/api/token/refresh/", new { refresh = rotated.Field("refresh") });

        var sessions = await client.GetAsync("/api/sessions/", rotated.Field("access"));
        sessions.Status.ShouldBe(HttpStatusCode.OK, sessions.ToString());
        var listed = sessions.Json.EnumerateArray().ToList();
        listed.Count.ShouldBe(1);
        listed[0].GetProperty("id").GetString().ShouldBe(TestJwt.Claims(busyRefresh).GetProperty("sid").GetString());
        listed[0].GetProperty("expires_at").GetDateTimeOffset().ShouldBe(
            DateTimeOffset.FromUnixTimeSeconds(TestJwt.Claims(rotated.Field("refresh")).GetProperty("exp").GetInt64()));
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = idleRefresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_WithoutRotation_ReturnsOnlyAnAccessToken()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["JwtAuth:RotateRefreshTokens"] = "false" });
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/refresh/", new { refresh });
        var again = await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Json.TryGetProperty("refresh", out _).ShouldBeFalse();
        again.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_ForDeletedUser_AnswersNoActiveAccount()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        using (var scope = host.Services.CreateScope())
        {
            // Deleting through UserManager alone (not UserAdministration) leaves the session: refresh must still refuse.
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<JwtAuth.Server.Data.ServerUser>>();
            await users.DeleteAsync((await users.FindByNameAsync("alice"))!);
        }

        using var client = host.CreateClient();
        var response = await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Code.ShouldBe("no_active_account");
    }

    [Fact]
    public async Task Refresh_WithExpiredRefreshToken_AnswersInvalidOrExpired()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        host.Time.Advance(TimeSpan.FromDays(1));
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe("Token is invalid or expired");
    }

    [Theory]
    [InlineData("access", "Token has wrong type")]
    [InlineData("garbage", "Token is invalid or expired")]
    public async Task Refresh_WithWrongToken_Answers401(string which, string detail)
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/refresh/", new { refresh = which == "access" ? access : "garbage" });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe(detail);
        response.Code.ShouldBe("token_not_valid");
    }
}
