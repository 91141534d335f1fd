using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Tokens;

public sealed class ObtainTests
{
    [Fact]
    public async Task Obtain_WithGoodCredentials_ReturnsPairThatAuthenticates()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (access, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var me = await client.GetAsync("/api/me/", access);

        me.Status.ShouldBe(HttpStatusCode.OK, me.ToString());
        me.Field("username").ShouldBe("alice");
        refresh.ShouldNotBe(access);
    }
}
