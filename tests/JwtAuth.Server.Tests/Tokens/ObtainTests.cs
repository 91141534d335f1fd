using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Tokens;

public sealed class ObtainTests : ServerTestBase
{
    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice", "alice-password-1");
    }

    [Fact]
    public async Task Obtain_WithGoodCredentials_ReturnsPairThatAuthenticates()
    {
        var (access, refresh) = await Host.LoginAsync("alice", "alice-password-1");
        using var client = Host.CreateClient();

        var me = await client.GetAsync("/api/me/", access);

        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.Field("username").ShouldBe("alice");
        refresh.ShouldNotBe(access);
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", "alice-password-1")]
    [InlineData("alice", "alice-password-1 ")]
    [InlineData("alice", " alice-password-1")]
    public async Task Obtain_WithBadCredentials_AnswersTheSameNoActiveAccount(string userName, string password)
    {
        using var client = Host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/", new { username = userName, password });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.ContentType.ShouldBe("application/problem+json");
        response.Detail.ShouldBe("No active account found with the given credentials");
        response.Code.ShouldBe("no_active_account");
    }

    [Fact]
    public async Task Obtain_TrimsTheUserNameButNotThePassword()
    {
        using var client = Host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/", new { username = "  alice ", password = "alice-password-1" });

        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
    }

    [Fact]
    public async Task Obtain_ForInactiveUser_AnswersLikeAWrongPassword()
    {
        await Host.RegisterAsync("carol", "carol-password-1");
        using (var scope = Host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<JwtAuth.Server.Users.UserAdministration>().SetActiveAsync("carol", active: false))!.Succeeded.ShouldBeTrue();
        }

        using var client = Host.CreateClient();
        var response = await client.PostJsonAsync("/api/token/", new { username = "carol", password = "carol-password-1" });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Code.ShouldBe("no_active_account");
    }

    [Theory]
    [InlineData("{}", "username", "This field is required.")]
    [InlineData("{\"username\":\"alice\"}", "password", "This field is required.")]
    [InlineData("{\"username\":\"\",\"password\":\"x\"}", "username", "This field may not be blank.")]
    [InlineData("{\"username\":\"   \",\"password\":\"x\"}", "username", "This field may not be blank.")]
    [InlineData("{\"username\":\"alice\",\"password\":\"\"}", "password", "This field may not be blank.")]
    [InlineData("{\"username\":12,\"password\":\"x\"}", "username", "Not a valid string.")]
    [InlineData("{\"username\":null,\"password\":\"x\"}", "username", "This field may not be null.")]
    [InlineData("{\"username\":\"\\ud83d\",\"password\":\"x\"}", "username", "Not a valid string.")]
    public async Task Obtain_WithBadFields_AnswersFieldErrors(string body, string field, string message)
    {
        using var client = Host.CreateClient();

        var response = await client.PostRawAsync("/api/token/", body, "application/json");

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Code.ShouldBe("invalid");
        response.Json.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
    }

    [Theory]
    [InlineData("{bad", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"username\":\"a\",\"password\":\"b\"} trailing", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{\"username\":\"alice\",\"password\":\"alice-password-1\"}", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("<a/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("{\"username\":\"alice\",\"password\":\"alice-password-1\"}", null, HttpStatusCode.UnsupportedMediaType)]
    public async Task Obtain_WithUnreadableBody_Answers4xxProblem(string body, string? contentType, HttpStatusCode expected)
    {
        using var client = Host.CreateClient();

        var response = await client.PostRawAsync("/api/token/", body, contentType);

        response.Status.ShouldBe(expected, response.ToString());
        response.ContentType.ShouldBe("application/problem+json");
        response.Code.ShouldNotBeNull();
    }

    [Fact]
    public async Task Obtain_WithDeeplyNestedJson_Answers400()
    {
        using var client = Host.CreateClient();

        var response = await client.PostRawAsync("/api/token/", new string('[', 30_000) + new string(']', 30_000), "application/json");

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Obtain_WithBodyOver64KiB_Answers413()
    {
        using var client = Host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/", new { username = new string('a', 70_000), password = "x" });

        response.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Code.ShouldBe("payload_too_large");
    }

    [Fact]
    public async Task Get_OnATokenEndpoint_Answers405Problem()
    {
        using var client = Host.CreateClient();

        var response = await client.GetAsync("/api/token/", bearer: null);

        response.Status.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Code.ShouldBe("method_not_allowed");
    }

    [Fact]
    public async Task UnknownRoute_Answers404Problem()
    {
        using var client = Host.CreateClient();

        var response = await client.GetAsync("/api/nothing-here/", bearer: null);

        response.Status.ShouldBe(HttpStatusCode.NotFound);
        response.Code.ShouldBe("not_found");
    }
}
