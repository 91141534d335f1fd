using System.Net;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>Django's ids: numbers from 1, JSON numbers on the wire, and the GUID users of older installs kept.</summary>
public sealed class NumericUserIdTests : ServerTestBase
{
    protected override Task SeedAsync() => Task.CompletedTask;

    // As an older install has them, or as an import writes them: straight into the table, under the given id.
    private async Task InsertAsync(string id, string userName, string password = "password-1234")
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        var user = new ServerUser { Id = id, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString() };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<ServerUser>>().HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync();
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
        const string guid = "24c309cf-382c-4110-a84e-54c363ba5a9c";
        await InsertAsync(guid, "legacy", "legacy-password-1");

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
        await InsertAsync("42", "imported");
        await InsertAsync("0099", "padded");

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
