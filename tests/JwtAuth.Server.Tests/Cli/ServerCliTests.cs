using JwtAuth.Testing;
using System.Diagnostics;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Import;
using JwtAuth.Sessions;

namespace JwtAuth.Server.Tests.Cli;

/// <summary>The CLI commands, run as the built server binary is run in production.</summary>
public sealed class ServerCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-cli-").FullName;

    private string DatabasePath => Path.Combine(_directory, "cli.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Migrate_AppliesTheInitialMigrationOnce()
    {
        var first = await RunAsync("migrate");
        var second = await RunAsync("migrate");

        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldContain("Applied: 20261122000000_Initial");
        second.Output.ShouldContain("No migrations to apply.");
    }

    [Fact]
    public async Task CreateSuperuser_CreatesAnAdminWhoCanLogIn()
    {
        var result = await RunAsync("createsuperuser", "--username", "root", "--password", "root-password-1");

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("Created admin user 'root'");
        await using var host = await TestServerHost.StartAsync(databasePath: DatabasePath);
        var (access, _) = await host.LoginAsync("root", "root-password-1");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Json.GetProperty("is_staff").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task UsersCreate_WithWeakPassword_FailsWithTheReason()
    {
        var result = await RunAsync("users", "create", "--username", "weak", "--password", "short");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("error:");
    }

    [Fact]
    public async Task UsersDisable_EndsTheUsersSessions()
    {
        await using (var host = await TestServerHost.StartAsync(databasePath: DatabasePath))
        {
            await host.RegisterAsync("mallory");
            await host.LoginAsync("mallory");
        }

        var result = await RunAsync("users", "disable", "--username", "mallory");

        result.ExitCode.ShouldBe(0, result.Output);
        await using var after = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var client = after.CreateClient();
        (await client.PostJsonAsync("/api/token/", new { username = "mallory", password = "password-1234" })).Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        using var scope = after.Services.CreateScope();
        var userId = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<JwtAuth.Server.Data.ServerUser>>().FindByNameAsync("mallory"))!.Id;
        (await scope.ServiceProvider.GetRequiredService<IJwtAuthSessions>().ListAsync(userId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task UsersDisable_WhileTheServerRuns_ItsCachedMeIsRefusedOnceItHasReadTheLog()
    {
        var interval = TimeSpan.FromMilliseconds(200);
        await using var host = await TestServerHost.StartAsync(
            new Dictionary<string, string?> { ["JwtAuth:Revocation:CatchUpInterval"] = interval.ToString() }, databasePath: DatabasePath);
        await host.RegisterAsync("mallory");
        var (access, _) = await host.LoginAsync("mallory");
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(System.Net.HttpStatusCode.OK);

        var result = await RunAsync("users", "disable", "--username", "mallory");

        result.ExitCode.ShouldBe(0, result.Output);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await client.GetAsync("/api/me/", access)).Status == System.Net.HttpStatusCode.OK)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the server kept answering me for a disabled user");
            host.Time.Advance(interval);
            await Task.Delay(20);
        }

        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FlushExpiredTokens_DeletesOnlyExpiredRowsAndSaysWhat()
    {
        await using (var host = await TestServerHost.StartAsync(databasePath: DatabasePath))
        {
            await host.RegisterAsync("alice");
            using var scope = host.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
            var longAgo = DateTimeOffset.UtcNow.AddDays(-60);
            var expired = new SessionRecord { Id = Guid.CreateVersion7(), UserId = "u", CreatedAt = longAgo, LastUsedAt = longAgo, ExpiresAt = longAgo.AddDays(30), RefreshExpiresAt = longAgo.AddDays(1), TokensExpireAt = longAgo };
            await store.CreateSessionAsync(expired, new RefreshTokenRecord { Id = Guid.CreateVersion7(), SessionId = expired.Id, UserId = "u", IssuedAt = longAgo, ExpiresAt = longAgo.AddDays(1) }, default);
            await store.EndSessionsAsync(new SessionEndRequest { UserId = "u", CutOffUser = true, Reason = "test", Now = longAgo.AddHours(1), ClockSkew = TimeSpan.Zero, UserCutOffRetention = TimeSpan.FromMinutes(5) }, default);
            await host.LoginAsync("alice");
            await scope.ServiceProvider.GetRequiredService<IImportedRefreshTokenStore>().ImportAsync(
                [new ImportedRefreshToken { Id = Guid.NewGuid(), UserId = "u", ExpiresAt = longAgo.AddDays(1), UserEpoch = 0, State = ImportedRefreshTokenState.Outstanding }],
                longAgo,
                default);
        }

        var result = await RunAsync("flushexpiredtokens", "--batch-size", "1");

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("Removed 1 expired refresh tokens, 1 sessions and 2 revocation log entries.");
        result.Output.ShouldContain("batch 1:");
        result.Output.ShouldContain("Removed 1 expired imported SimpleJWT refresh tokens.");
        await using var after = await TestServerHost.StartAsync(databasePath: DatabasePath);
        await after.LoginAsync("alice");
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "JwtAuth.Server.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["JwtAuth__SigningKey"] = TestServerHost.SigningKey;
        info.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
