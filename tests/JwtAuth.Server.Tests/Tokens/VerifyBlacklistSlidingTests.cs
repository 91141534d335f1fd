using JwtAuth.Testing;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Tokens;

public sealed class VerifyBlacklistSlidingTests : ServerTestBase
{
    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice");
    }

    [Fact]
    public async Task Verify_ValidAccessAndRefresh_AnswersEmptyObject()
    {
        var (access, refresh) = await Host.LoginAsync("alice");

        foreach (var token in new[] { access, refresh })
        {
            var response = await Client.PostJsonAsync("/api/token/verify/", new { token });
            response.Status.ShouldBe(HttpStatusCode.OK);
            response.Body.ShouldBe("{}");
        }
    }

    [Fact]
    public async Task Verify_TokensOfAnEndedSession_AnswersBlacklisted()
    {
        var (access, refresh) = await Host.LoginAsync("alice");
        (await Client.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);

        foreach (var token in new[] { access, refresh })
        {
            var response = await Client.PostJsonAsync("/api/token/verify/", new { token });
            response.Status.ShouldBe(HttpStatusCode.Unauthorized);
            response.Detail.ShouldBe("Token is blacklisted");
        }
    }

    [Fact]
    public async Task Verify_RotatedOutRefreshToken_AnswersBlacklisted()
    {
        var (_, refresh) = await Host.LoginAsync("alice");
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);

        (await Client.PostJsonAsync("/api/token/verify/", new { token = refresh })).Detail.ShouldBe("Token is blacklisted");
    }

    [Fact]
    public async Task Blacklist_EndsTheSessionIncludingItsAccessTokens()
    {
        var (access, refresh) = await Host.LoginAsync("alice");

        var response = await Client.PostJsonAsync("/api/token/blacklist/", new { refresh });

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Body.ShouldBe("{}");
        (await Client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await Client.PostJsonAsync("/api/token/blacklist/", new { refresh });
        again.Status.ShouldBe(HttpStatusCode.Unauthorized);
        again.Detail.ShouldBe("Token is blacklisted");
        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh })).Detail.ShouldBe("Token is blacklisted");
    }

    [Theory]
    [InlineData("access", "Token has wrong type")]
    [InlineData("garbage", "Token is invalid or expired")]
    public async Task Blacklist_WithWrongToken_Answers401(string which, string detail)
    {
        var (access, _) = await Host.LoginAsync("alice");

        var response = await Client.PostJsonAsync("/api/token/blacklist/", new { refresh = which == "access" ? access : "garbage" });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe(detail);
    }

    [Theory]
    [InlineData("/api/token/verify/", "token")]
    [InlineData("/api/token/blacklist/", "refresh")]
    [InlineData("/api/token/refresh/", "refresh")]
    [InlineData("/api/token/sliding/refresh/", "token")]
    public async Task TokenEndpoints_WithoutTheirField_AnswerFieldError(string path, string field)
    {
        var response = await Client.PostJsonAsync(path, new { });

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe("This field is required.");
    }

    [Fact]
    public async Task Sliding_ObtainUseAndRefresh()
    {
        var obtain = await Client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = "password-1234" });
        obtain.Status.ShouldBe(HttpStatusCode.OK, obtain.ToString());
        var token = obtain.Field("token");
        var claims = TestJwt.Claims(token);
        claims.GetProperty("token_type").GetString().ShouldBe("sliding");
        (claims.GetProperty("refresh_exp").GetInt64() - claims.GetProperty("iat").GetInt64()).ShouldBe(86_400);
        (await Client.GetAsync("/api/me/", token)).Status.ShouldBe(HttpStatusCode.OK);

        var refreshed = await Client.PostJsonAsync("/api/token/sliding/refresh/", new { token });

        refreshed.Status.ShouldBe(HttpStatusCode.OK);
        (await Client.GetAsync("/api/me/", refreshed.Field("token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sliding_RefreshAfterExpButBeforeRefreshExp_Succeeds()
    {
        var token = (await Client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = "password-1234" })).Field("token");
        Host.Time.Advance(TimeSpan.FromMinutes(10));
        (await Client.GetAsync("/api/me/", token)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var refreshed = await Client.PostJsonAsync("/api/token/sliding/refresh/", new { token });

        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.ToString());
        (await Client.GetAsync("/api/me/", refreshed.Field("token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sliding_RefreshAfterRefreshExp_Answers401()
    {
        var token = (await Client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = "password-1234" })).Field("token");
        Host.Time.Advance(TimeSpan.FromDays(1));

        var refreshed = await Client.PostJsonAsync("/api/token/sliding/refresh/", new { token });

        refreshed.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refreshed.Detail.ShouldBe("Token 'refresh_exp' claim has expired");
    }

    [Fact]
    public async Task Sliding_LogoutEndsTheSlidingSession()
    {
        var token = (await Client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = "password-1234" })).Field("token");

        (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/logout/"), token)).Status.ShouldBe(HttpStatusCode.ResetContent);

        (await Client.GetAsync("/api/me/", token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Client.PostJsonAsync("/api/token/sliding/refresh/", new { token })).Detail.ShouldBe("Token is blacklisted");
    }

    [Fact]
    public async Task Sliding_TypeConfusionIsRefused()
    {
        var sliding = (await Client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = "password-1234" })).Field("token");
        var (_, refresh) = await Host.LoginAsync("alice");

        (await Client.PostJsonAsync("/api/token/refresh/", new { refresh = sliding })).Detail.ShouldBe("Token has wrong type");
        (await Client.PostJsonAsync("/api/token/sliding/refresh/", new { token = refresh })).Detail.ShouldBe("Token has wrong type");
    }
}
