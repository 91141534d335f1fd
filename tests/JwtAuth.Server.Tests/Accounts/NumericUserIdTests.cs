using System.Net;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>Django's ids: numbers from 1, JSON numbers on the wire, and the GUID users of older installs kept.</summary>
public sealed class NumericUserIdTests : ServerTestBase
{
    protected override Task SeedAsync() => Task.CompletedTask;

    private async Task SetIdAsync(string userName, string id)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        (await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(set => set.SetProperty(u => u.Id, id))).ShouldBe(1);
    }

    [Fact]
    public async Task NewUsers_AreNumbered1_2_3_AndCarryTheirNumberAsAJsonNumber()
    {
        using var client = Host.CreateClient();
        for (var expected = 1; expected <= 3; expected++)
        {
            var registered = await client.PostJsonAsync("/api/register/", new { username = $"user{expected}", password = "password-1234" });
            registered.Json.GetProperty("id").GetInt64().ShouldBe(expected);
        }

        var (access, refresh) = await Host.LoginAsync("user2");
        TestJwt.Claims(access).GetProperty("user_id").GetInt64().ShouldBe(2);
        TestJwt.Claims(refresh).GetProperty("user_id").GetInt64().ShouldBe(2);
        var me = await client.GetAsync("/api/me/", access);
        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.Json.GetProperty("id").GetInt64().ShouldBe(2);

        var refreshed = await client.PostJsonAsync("/api/token/refresh/", new { refresh });
        TestJwt.Claims(refreshed.Field("access")).GetProperty("user_id").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task AUserWithAGuidId_FromAnOlderInstall_KeepsWorking_AsAString()
    {
        await Host.RegisterAsync("legacy", "legacy-password-1");
        const string guid = "24c309cf-382c-4110-a84e-54c363ba5a9c";
        await SetIdAsync("legacy", guid);

        var (access, refresh) = await Host.LoginAsync("legacy", "legacy-password-1");
        using var client = Host.CreateClient();
        var me = await client.GetAsync("/api/me/", access);

        TestJwt.Claims(access).GetProperty("user_id").GetString().ShouldBe(guid);
        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.Json.GetProperty("id").GetString().ShouldBe(guid);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);
        // The GUID user holds no number: new users on such an install are numbered from 1.
        (await client.PostJsonAsync("/api/register/", new { username = "next", password = "password-1234" })).Json.GetProperty("id").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task AnIdInsertedByAnImport_IsCountedWithoutCooperation()
    {
        await Host.RegisterAsync("imported", "password-1234");
        await SetIdAsync("imported", "42");
        await Host.RegisterAsync("padded", "password-1234");
        await SetIdAsync("padded", "0099");

        using var client = Host.CreateClient();
        var next = await client.PostJsonAsync("/api/register/", new { username = "after-import", password = "password-1234" });

        next.Json.GetProperty("id").GetInt64().ShouldBe(43);
        var (access, _) = await Host.LoginAsync("padded");
        // Not canonical: a number would read back as "99", another user.
        TestJwt.Claims(access).GetProperty("user_id").GetString().ShouldBe("0099");
        (await client.GetAsync("/api/me/", access)).Field("username").ShouldBe("padded");
    }

    [Fact]
    public async Task ASimpleJwtTokenWithANumericUserId_AuthenticatesThatUser()
    {
        await Host.RegisterAsync("alice", "password-1234");
        var now = Host.Time.GetUtcNow().ToUnixTimeSeconds();
        var token = TestJwt.Sign(
            new System.Text.Json.Nodes.JsonObject { ["typ"] = "JWT", ["alg"] = "HS256" },
            new System.Text.Json.Nodes.JsonObject { ["token_type"] = "access", ["exp"] = now + 300, ["iat"] = now, ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = 1 },
            TestServerHost.SigningKey);
        using var client = Host.CreateClient();

        (await client.GetAsync("/api/me/", token)).Field("username").ShouldBe("alice");
    }
}
