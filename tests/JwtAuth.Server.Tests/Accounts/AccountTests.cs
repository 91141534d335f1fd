using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Accounts;

public sealed class AccountTests
{
    [Fact]
    public async Task Register_CreatesAUserThatCanLogIn()
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = "zoe", password = "long enough", email = "zoe@example.test" });

        response.Status.ShouldBe(HttpStatusCode.Created, response.ToString());
        response.Field("username").ShouldBe("zoe");
        var (access, _) = await host.LoginAsync("zoe", "long enough");
        var me = await client.GetAsync("/api/me/", access);
        me.Field("id").ShouldBe(response.Field("id"));
        me.Field("email").ShouldBe("zoe@example.test");
    }

    [Theory]
    [InlineData("short", "password")]
    [InlineData("", "password")]
    public async Task Register_WithWeakPassword_Answers400WithReasons(string password, string field)
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = "zoe", password });

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty(field).GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Register_DuplicateUserName_Answers400()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("zoe");
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = "zoe", password = "another-password" });

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe("A user with that username already exists.");
    }

    [Fact]
    public async Task Register_CanBeTurnedOff()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["Registration:Enabled"] = "false" });
        using var client = host.CreateClient();

        (await client.PostJsonAsync("/api/register/", new { username = "zoe", password = "long enough" })).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LoginRateLimit_Answers429Throttled()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:LoginPermitsPerMinute"] = "2",
        });
        using var client = host.CreateClient();
        var login = new { username = "nobody", password = "whatever-123" };

        (await client.PostJsonAsync("/api/token/", login)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/api/token/", login)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var third = await client.PostJsonAsync("/api/token/", login);

        third.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Code.ShouldBe("throttled");
        (await client.PostJsonAsync("/api/token/verify/", new { token = "x" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
