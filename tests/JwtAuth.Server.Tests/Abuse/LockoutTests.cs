using System.Net;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>Identity's account lockout on the login and password-change paths, on the test's clock.</summary>
public sealed class LockoutTests
{
    private const string Password = "password-1234";

    [Fact]
    public async Task TenWrongPasswords_LockTheAccount_ItAnswersLikeAnUnknownUser_UntilTheLockoutEnds()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();
        var unknown = await client.PostJsonAsync("/api/token/", new { username = "nobody", password = Password });

        for (var i = 0; i < 10; i++)
        {
            (await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        await host.FailuresCountedAsync();
        var locked = await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password });
        locked.Status.ShouldBe(HttpStatusCode.Unauthorized, locked.ToString());
        WithoutTraceId(locked.Body).ShouldBe(WithoutTraceId(unknown.Body));
        (await client.PostJsonAsync("/api/token/sliding/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);

        host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        await host.LoginAsync("alice");
    }

    [Fact]
    public async Task ASuccess_ResetsTheCount()
    {
        await using var host = await TestServerHost.StartAsync();
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });
            }

            await host.FailuresCountedAsync();
            await host.LoginAsync("alice");
        }
    }

    [Fact]
    public async Task ALockedAccount_TakesTheUnknownUserPath_OneHashAgainstTheDecoy()
    {
        using var hasher = new GatedPasswordHasher();
        await using var host = await TestServerHost.StartAsync(
            new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAccessAttempts"] = "3" }, services: hasher.Add);
        await host.RegisterAsync("alice");
        var aliceHash = await HashOfAsync(host, "alice");
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });
        }

        await host.FailuresCountedAsync();
        var before = hasher.Verified.Count;
        await client.PostJsonAsync("/api/token/", new { username = "nobody", password = Password });
        var unknownPath = hasher.Verified.Skip(before).ToList();
        await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password });
        var lockedPath = hasher.Verified.Skip(before + unknownPath.Count).ToList();

        unknownPath.Count.ShouldBe(1);
        lockedPath.ShouldBe(unknownPath, "the locked account is checked against the same decoy hash as an unknown user");
        lockedPath.ShouldNotContain(aliceHash);
    }

    [Fact]
    public async Task ConcurrentWrongPasswords_AreEachCounted()
    {
        // Five wrong logins that have all read the account before any of them counts its failure:
        // counted by read-modify-write, four of the five would be lost.
        using var hasher = new GatedPasswordHasher { Together = new Barrier(5) };
        await using var host = await TestServerHost.StartAsync(
            new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAccessAttempts"] = "5" }, services: hasher.Add);
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();

        var wrong = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" })));
        hasher.Together = null;
        await host.FailuresCountedAsync();

        wrong.ShouldAllBe(response => response.Status == HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWrongPassword_IsAnsweredBeforeItsCountIsWritten()
    {
        // The count is the one write a wrong password makes and an unknown name does not: answered
        // only after it, a refusal would tell an existing, unlocked account by its time. Holding
        // SQLite's write lock (5 s busy timeout) shows the answer does not wait for it.
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAccessAttempts"] = "1" });
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();
        await using (var writer = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await writer.OpenAsync();
            await using var hold = writer.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var wrong = await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });

            wrong.Status.ShouldBe(HttpStatusCode.Unauthorized);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3), "the answer waited for the count");
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        await host.FailuresCountedAsync();
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized, "counted after all");
    }

    [Fact]
    public async Task WrongOldPasswords_CountTowardsTheLockout_AndALockedAccountCannotChangeItsPassword()
    {
        // A lockout shorter than the access token's life, so that the same token tries again after it.
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Lockout:MaxFailedAccessAttempts"] = "3",
            ["Identity:Lockout:DefaultLockoutTimeSpan"] = "00:01:00",
        });
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var wrong = await client.PostJsonAsync("/api/password/change/", new { old_password = "wrong-password", new_password = "new-password-1" }, access);
            wrong.Json.GetProperty("errors").GetProperty("old_password")[0].GetString().ShouldBe("Wrong password.");
        }

        await host.FailuresCountedAsync();

        var locked = await client.PostJsonAsync("/api/password/change/", new { old_password = Password, new_password = "new-password-1" }, access);
        locked.Status.ShouldBe(HttpStatusCode.BadRequest, locked.ToString());
        locked.Json.GetProperty("errors").GetProperty("old_password")[0].GetString().ShouldBe("Wrong password.");
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);

        host.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        (await client.PostJsonAsync("/api/password/change/", new { old_password = Password, new_password = "new-password-1" }, access)).Status.ShouldBe(HttpStatusCode.NoContent);
        await host.LoginAsync("alice", "new-password-1");
    }

    [Fact]
    public async Task Lockout_CanBeConfiguredAndTurnedOff()
    {
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:Lockout:MaxFailedAccessAttempts"] = "2",
            ["Identity:Lockout:DefaultLockoutTimeSpan"] = "01:00:00",
        });
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });
        }

        await host.FailuresCountedAsync();
        host.Time.Advance(TimeSpan.FromMinutes(59));
        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);

        await using var off = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAccessAttempts"] = "0" });
        await off.RegisterAsync("bob");
        using var offClient = off.CreateClient();
        for (var i = 0; i < 20; i++)
        {
            await offClient.PostJsonAsync("/api/token/", new { username = "bob", password = "wrong-password" });
        }

        await off.FailuresCountedAsync();
        await off.LoginAsync("bob");
    }

    [Theory]
    [InlineData("Identity:Lockout:MaxFailedAccessAttempts", "-1", "Identity:Lockout:MaxFailedAccessAttempts must be 0")]
    [InlineData("Identity:Lockout:DefaultLockoutTimeSpan", "-00:01:00", "Identity:Lockout:DefaultLockoutTimeSpan must be positive")]
    public async Task Start_WithLockoutSettingsThatCannotWork_StopsNamingTheSetting(string key, string value, string message)
    {
        var failure = await Should.ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            TestServerHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        failure.Message.ShouldContain(message);
    }

    private static async Task<string> HashOfAsync(TestServerHost host, string userName)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ServerUser>>();
        return (await users.FindByNameAsync(userName))!.PasswordHash!;
    }

    private static string WithoutTraceId(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");
}

/// <summary>Wrong passwords are counted beside the answer (<see cref="LoginFailureRecorder"/>): a test waits for the count before it relies on it.</summary>
internal static class LockoutCounting
{
    public static Task FailuresCountedAsync(this TestServerHost host) =>
        host.Services.GetRequiredService<LoginFailureRecorder>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
}
