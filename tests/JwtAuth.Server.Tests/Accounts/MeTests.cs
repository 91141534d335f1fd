using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary><c>/api/me/</c> from the node's cache: the same answer as the database, and never an answer older than a change the node has heard of.</summary>
public sealed class MeTests
{
    private static readonly Dictionary<string, string?> UpdateLastLogin = new() { ["JwtAuth:UpdateLastLogin"] = "true" };

    [Fact]
    public async Task Me_FromTheCache_AnswersWhatTheDatabaseReadAnswered()
    {
        await using var host = await TestServerHost.StartAsync(UpdateLastLogin);
        var id = await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        var read = await client.GetAsync("/api/me/", access);
        var cached = await client.GetAsync("/api/me/", access);

        read.Status.ShouldBe(HttpStatusCode.OK);
        cached.ShouldBe(read);
        read.ContentType.ShouldBe("application/json");
        read.Field("id").ShouldBe(id);
        read.Field("username").ShouldBe("alice");
        read.Json.GetProperty("is_active").GetBoolean().ShouldBeTrue();
        read.Json.TryGetProperty("active_sessions", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Me_AfterALoginOnThisNode_ShowsTheNewLastLoginAtOnce()
    {
        await using var host = await TestServerHost.StartAsync(UpdateLastLogin);
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        var first = (await client.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset();
        (await client.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(first);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.LoginAsync("alice");

        (await client.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(first.AddMinutes(1));
    }

    [Fact]
    public async Task Me_AfterDisable_ThroughUserAdministration_IsRefused()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        using (var scope = host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("alice", active: false))!.Succeeded.ShouldBeTrue();
        }

        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_AfterDisable_ThroughTheAdminApi_IsRefused()
    {
        await using var host = await TestServerHost.StartAsync();
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("root", "root-password-1", null, isAdmin: true);
        }

        var (admin, _) = await host.LoginAsync("root", "root-password-1");
        var id = await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        (await client.PostJsonAsync($"/api/admin/users/{id}/disable/", null, admin)).Status.ShouldBe(HttpStatusCode.NoContent);

        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_AfterEnable_OfAUserWhoseMeWasNeverCached_IsReadAgain()
    {
        // An inactive user's answer is never cached: enabling shows at once.
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("alice", active: false);
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("alice", active: true);
        }

        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Json.GetProperty("is_active").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Me_OfADeletedUser_IsRefused()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);

        using (var scope = host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeleteAsync("alice"))!.Succeeded.ShouldBeTrue();
        }

        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_ReadBeforeALogin_AndStoredAfterIt_IsNotServed()
    {
        var gate = new MeReadGate();
        await using var host = await TestServerHost.StartAsync(UpdateLastLogin, services: services =>
            services.ConfigureDbContext<SqliteServerDbContext>(options => options.AddInterceptors(gate)));
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        // A me request misses the cache, reads the row with the first login's time, and is parked.
        gate.Arm();
        var parked = client.GetAsync("/api/me/", access);
        await gate.Parked;
        var first = host.Time.GetUtcNow();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.LoginAsync("alice");
        gate.Release();

        // Its own answer began before the login; what it read must not outlive the login.
        (await parked).Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(first, TimeSpan.FromMilliseconds(1));
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(first.AddMinutes(1), TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Me_OnAnotherNode_ShowsALoginOnThisNode_OnceItHasReadTheLog_AndNeverTheOldAnswerAgain()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        var settings = new Dictionary<string, string?>(UpdateLastLogin) { ["JwtAuth:Revocation:CatchUpInterval"] = interval.ToString() };
        await using var a = await TestServerHost.StartAsync(settings);
        await using var b = await TestServerHost.StartAsync(settings, databasePath: a.DatabasePath, time: a.Time);
        await a.RegisterAsync("alice");
        var (access, _) = await a.LoginAsync("alice");
        using var clientB = b.CreateClient();
        var first = (await clientB.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset();

        a.Time.Advance(TimeSpan.FromMinutes(1));
        await a.LoginAsync("alice");

        // SQLite has no notifications: B reads the log every catch-up interval of the (fake) clock.
        var clock = Stopwatch.StartNew();
        while ((await clientB.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset() == first)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "node B kept answering its cached me");
            b.Time.Advance(interval);
            await Task.Delay(20);
        }

        for (var i = 0; i < 5; i++)
        {
            (await clientB.GetAsync("/api/me/", access)).Json.GetProperty("last_login").GetDateTimeOffset().ShouldBe(first.AddMinutes(1), TimeSpan.FromMilliseconds(1));
        }
    }

    [Fact]
    public async Task Me_WithTheCacheOff_ReadsTheDatabaseEveryTime()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["Cache:MeSizeLimitBytes"] = "0" });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Json.GetProperty("email").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        // A write that logs nothing: only a read of the database can show it.
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ServerDbContext>().Users
                .Where(u => u.UserName == "alice").ExecuteUpdateAsync(set => set.SetProperty(u => u.Email, "alice@example.com"));
        }

        (await client.GetAsync("/api/me/", access)).Field("email").ShouldBe("alice@example.com");
    }
}
