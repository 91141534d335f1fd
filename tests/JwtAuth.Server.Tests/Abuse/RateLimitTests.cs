using System.Net;
using System.Net.Http.Headers;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>The rate limits per address, account, user and session, and what a refused request looks like.</summary>
public sealed class RateLimitTests
{
    private const string Password = "password-1234";

    [Fact]
    public async Task Register_IsLimitedPerAddress_ARefusalIs429ProblemDetailsWithRetryAfter()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:RegisterPermitsPerHour"] = "2" });
        using var first = host.CreateClient("203.0.113.7");
        using var second = host.CreateClient("203.0.113.8");

        (await first.PostJsonAsync("/api/register/", new { username = "a1", password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        (await first.PostJsonAsync("/api/register/", new { username = "a2", password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        var (refused, headers) = await first.PostWithHeadersAsync("/api/register/", new { username = "a3", password = Password });

        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests, refused.ToString());
        refused.ContentType.ShouldBe("application/problem+json");
        refused.Code.ShouldBe("throttled");
        refused.Detail.ShouldBe("Request was throttled.");
        refused.Field("type").ShouldBe("https://tools.ietf.org/html/rfc6585#section-4");
        refused.Field("title").ShouldBe("Too Many Requests");
        refused.Json.GetProperty("status").GetInt32().ShouldBe(429);
        RetryAfter(headers).ShouldBeInRange(1, 3600);
        (await second.PostJsonAsync("/api/register/", new { username = "b1", password = Password })).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task EveryError_HasTypeAndTitle_The429Too()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:LoginPermitsPerMinute"] = "1" });
        using var client = host.CreateClient("203.0.113.7");

        var unauthorized = await client.PostJsonAsync("/api/token/", new { username = "nobody", password = Password });
        var throttled = await client.PostJsonAsync("/api/token/", new { username = "nobody", password = Password });

        foreach (var response in new[] { unauthorized, throttled })
        {
            response.ContentType.ShouldBe("application/problem+json");
            foreach (var member in new[] { "type", "title", "detail", "code" })
            {
                response.Field(member).ShouldNotBeNullOrEmpty($"{member} of {response}");
            }
        }

        throttled.Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Login_IsLimitedPerAccount_FromAnyAddress_WhateverTheCaseOfTheName()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:LoginPerAccountPermitsPerMinute"] = "2" });
        await host.RegisterAsync("alice");
        await host.RegisterAsync("bob");

        (await Login(host, "198.51.100.1", "alice", "wrong-password")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "198.51.100.2", "alice", Password)).Status.ShouldBe(HttpStatusCode.OK);
        (await Login(host, "198.51.100.3", " ALICE ", Password)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Login(host, "198.51.100.3", "alice", Password, sliding: true)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Login(host, "198.51.100.3", "bob", Password)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_IsLimitedPerAddress_IPv6ByItsSlash64()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:LoginPermitsPerMinute"] = "2" });

        (await Login(host, "2001:db8:1:2::1", "u1", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "2001:db8:1:2:ffff:ffff:ffff:ffff", "u2", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "2001:db8:1:2:abcd::7", "u3", Password)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Login(host, "2001:db8:1:3::1", "u4", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "192.0.2.1", "u5", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "192.0.2.1", "u6", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login(host, "::ffff:192.0.2.1", "u7", Password)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await Login(host, "192.0.2.2", "u8", Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_IsLimitedPerUser_FromAnyAddress()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:PasswordChangePermitsPerHour"] = "2" });
        await host.RegisterAsync("alice");
        await host.RegisterAsync("bob");
        var (alice, _) = await host.LoginAsync("alice");
        var (bob, _) = await host.LoginAsync("bob");
        var wrong = new { old_password = "wrong-password", new_password = "new-password-1" };

        (await host.CreateClient("198.51.100.1").PostJsonAsync("/api/password/change/", wrong, alice)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await host.CreateClient("198.51.100.2").PostJsonAsync("/api/password/change/", wrong, alice)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await host.CreateClient("198.51.100.3").PostJsonAsync("/api/password/change/", wrong, alice)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await host.CreateClient("198.51.100.3").PostJsonAsync("/api/password/change/", wrong, bob)).Status.ShouldBe(HttpStatusCode.BadRequest);
        // Without a token it is refused before it could count.
        (await host.CreateClient("198.51.100.4").PostJsonAsync("/api/password/change/", wrong)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PasswordChange_IsLimitedPerAddress_WhoeverTheUsers()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:PasswordChangePerAddressPermitsPerHour"] = "2" });
        var tokens = new List<string>();
        foreach (var name in new[] { "u1", "u2", "u3" })
        {
            await host.RegisterAsync(name);
            tokens.Add((await host.LoginAsync(name)).Access);
        }

        using var client = host.CreateClient("198.51.100.9");
        var wrong = new { old_password = "wrong-password", new_password = "new-password-1" };
        (await client.PostJsonAsync("/api/password/change/", wrong, tokens[0])).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync("/api/password/change/", wrong, tokens[1])).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostJsonAsync("/api/password/change/", wrong, tokens[2])).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Refresh_IsLimitedPerSession_AMalformedTokenCountsAgainstItsAddress()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:RefreshPermitsPerMinute"] = "2" });
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        var (_, other) = await host.LoginAsync("alice");
        using var client = host.CreateClient("198.51.100.1");

        for (var i = 0; i < 2; i++)
        {
            var rotated = await client.PostJsonAsync("/api/token/refresh/", new { refresh });
            rotated.Status.ShouldBe(HttpStatusCode.OK, rotated.ToString());
            refresh = rotated.Field("refresh");
        }

        // The same session from another address is the same bucket; another session is its own.
        (await host.CreateClient("198.51.100.2").PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = other })).Status.ShouldBe(HttpStatusCode.OK);

        using var garbage = host.CreateClient("198.51.100.5");
        (await garbage.PostJsonAsync("/api/token/refresh/", new { refresh = "not-a-token" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await garbage.PostJsonAsync("/api/token/refresh/", new { refresh = "a.b.c" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await garbage.PostJsonAsync("/api/token/refresh/", new { refresh = "" })).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await host.CreateClient("198.51.100.6").PostJsonAsync("/api/token/refresh/", new { refresh = "not-a-token" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SlidingRefresh_IsLimitedPerSession()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:RefreshPermitsPerMinute"] = "1" });
        await host.RegisterAsync("alice");
        using var client = host.CreateClient("198.51.100.1");
        var token = (await client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = Password })).Field("token");
        var other = (await client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = Password })).Field("token");

        (await client.PostJsonAsync("/api/token/sliding/refresh/", new { token })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/sliding/refresh/", new { token })).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await client.PostJsonAsync("/api/token/sliding/refresh/", new { token = other })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ALimitedEndpoint_StillReadsItsBodyAsSent()
    {
        await using var host = await StartAsync([]);
        await host.RegisterAsync("alice");
        using var client = host.CreateClient("198.51.100.1");

        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = new string('p', 70_000) })).Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await client.PostRawAsync("/api/token/", "{\"username\": \"alice\", ", "application/json")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostRawAsync("/api/token/", "{\"username\": \"alice\", \"password\": \"password-1234\"}", "text/plain")).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Limits_AreOffWhenDisabled()
    {
        await using var host = await StartAsync(new() { ["RateLimiting:Enabled"] = "false", ["RateLimiting:RegisterPermitsPerHour"] = "1" });
        using var client = host.CreateClient("198.51.100.1");

        for (var i = 0; i < 3; i++)
        {
            (await client.PostJsonAsync("/api/register/", new { username = $"u{i}", password = Password })).Status.ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Start_WithANegativeLimit_StopsNamingTheSetting()
    {
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            StartAsync(new() { ["RateLimiting:RefreshPermitsPerMinute"] = "-1" }));

        failure.Message.ShouldContain("RateLimiting:RefreshPermitsPerMinute must be 0 (off) or a positive number");
    }

    /// <summary>A server with rate limiting on, generous limits except <paramref name="settings"/>, and client addresses from the test.</summary>
    internal static Task<TestServerHost> StartAsync(Dictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:LoginPermitsPerMinute"] = "1000",
            ["RateLimiting:LoginPerAccountPermitsPerMinute"] = "1000",
            ["RateLimiting:RegisterPermitsPerHour"] = "1000",
            ["RateLimiting:PasswordChangePermitsPerHour"] = "1000",
            ["RateLimiting:PasswordChangePerAddressPermitsPerHour"] = "1000",
            ["RateLimiting:RefreshPermitsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return TestServerHost.StartAsync(configuration, services: TestClientAddresses.Add);
    }

    private static async Task<ApiResponse> Login(TestServerHost host, string address, string userName, string password, bool sliding = false)
    {
        using var client = host.CreateClient(address);
        return await client.PostJsonAsync(sliding ? "/api/token/sliding/" : "/api/token/", new { username = userName, password });
    }

    private static int RetryAfter(HttpResponseHeaders headers) =>
        int.Parse(headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
}
