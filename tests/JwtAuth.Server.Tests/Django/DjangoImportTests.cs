using System.Net;
using JwtAuth.Import;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Sessions;
using JwtAuth.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Django;

/// <summary>
/// Moving off SimpleJWT: a database made by the real Django is imported with <c>importdjango</c>
/// (the built binary, as an operator runs it), then the server is asked what the users and their
/// SimpleJWT tokens can do.
/// </summary>
public sealed class DjangoImportTests(DjangoSqliteFixture django) : IClassFixture<DjangoSqliteFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-import-").FullName;

    private string DatabasePath => Path.Combine(_directory, "server.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task ImportFromSqlite_UsersLogInWithDjangoPasswords_DjangoTokensWork_AndASecondImportChangesNothing()
    {
        var project = django.Project;

        var first = await ImportAsync("--sqlite", django.SqlitePath);

        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldContain("Read 8 users and 3 outstanding refresh tokens (1 blacklisted).");
        first.Output.ShouldContain("Users: 8 imported, 0 already here, 0 skipped.");
        first.Output.ShouldContain("Refresh tokens: 3 imported, 0 blacklisted since the last import, 0 already here, 0 skipped.");
        first.Output.ShouldContain("no password: user 'user_md5'");
        first.Output.ShouldNotContain("pbkdf2_sha256$");
        first.Output.ShouldNotContain("$2b$");

        await using (var host = await TestServerHost.StartAsync(databasePath: DatabasePath))
        {
            using var client = host.CreateClient();
            foreach (var user in project.Users.Where(u => u.Hasher != "md5" && u.UserName != "inactive"))
            {
                var login = await client.PostJsonAsync("/api/token/", new { username = user.UserName, password = user.Password });
                login.Status.ShouldBe(HttpStatusCode.OK, $"{user.UserName} ({user.Hasher}): {login}");
                var me = await client.GetAsync("/api/me/", login.Field("access"));
                me.Json.GetProperty("id").ToString().ShouldBe(user.Id);
                me.Json.GetProperty("is_staff").GetBoolean().ShouldBe(user.UserName == "staff");
            }

            // Django's md5 hasher is not supported, and an inactive user stays inactive.
            foreach (var user in project.Users.Where(u => u.Hasher == "md5" || u.UserName == "inactive"))
            {
                (await client.PostJsonAsync("/api/token/", new { username = user.UserName, password = user.Password })).Status.ShouldBe(HttpStatusCode.Unauthorized);
            }

            var djangoMe = await client.GetAsync("/api/me/", project.Access);
            djangoMe.Status.ShouldBe(HttpStatusCode.OK, djangoMe.ToString());
            djangoMe.Json.GetProperty("id").ToString().ShouldBe(project.OwnerId);

            var redeemed = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh });
            redeemed.Status.ShouldBe(HttpStatusCode.OK, redeemed.ToString());
            var sid = TestJwt.Claims(redeemed.Field("refresh")).GetProperty("sid").GetString();
            sid.ShouldNotBeNullOrEmpty();
            TestJwt.Claims(redeemed.Field("access")).GetProperty("sid").GetString().ShouldBe(sid);
            (await client.GetAsync("/api/me/", redeemed.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
            (await client.PostJsonAsync("/api/token/refresh/", new { refresh = redeemed.Field("refresh") })).Status.ShouldBe(HttpStatusCode.OK);

            var again = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh });
            again.Status.ShouldBe(HttpStatusCode.Unauthorized);
            again.Detail.ShouldBe("Token is blacklisted");
            var blacklisted = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Blacklisted });
            blacklisted.Status.ShouldBe(HttpStatusCode.Unauthorized);
            blacklisted.Detail.ShouldBe("Token is blacklisted");
        }

        var second = await ImportAsync("--sqlite", django.SqlitePath);

        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldContain("Users: 0 imported, 8 already here, 0 skipped.");
        second.Output.ShouldContain("Refresh tokens: 0 imported, 0 blacklisted since the last import, 3 already here, 0 skipped.");
        await using var after = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var afterClient = after.CreateClient();
        (await afterClient.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Detail.ShouldBe("Token is blacklisted");
        (await afterClient.PostJsonAsync("/api/token/", new { username = "user_bcrypt", password = "bcrypt-password-1" })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ImportFromDumpData_BringsTheSameUsersAndTokens()
    {
        var project = django.Project;

        var result = await ImportAsync("--dumpdata", project.DumpDataPath!);

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("Users: 8 imported, 0 already here, 0 skipped.");
        result.Output.ShouldContain("Refresh tokens: 3 imported, 0 blacklisted since the last import, 0 already here, 0 skipped.");
        await using var host = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var client = host.CreateClient();
        (await client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "pbkdf2_sha256-password-1" })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Blacklisted })).Detail.ShouldBe("Token is blacklisted");
    }

    [SkippableFact]
    public async Task ImportDryRun_ReportsWhatItWouldDo_AndWritesNoUserOrToken()
    {
        _ = django.Project;

        var result = await ImportAsync("--sqlite", django.SqlitePath, "--dry-run");

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain("Users: 8 to import, 0 already here, 0 skipped.");
        result.Output.ShouldContain("Refresh tokens: 3 to import,");
        result.Output.ShouldContain("Dry run: nothing was written.");
        await using var host = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
        (await db.Users.CountAsync()).ShouldBe(0);
        (await scope.ServiceProvider.GetRequiredService<IImportedRefreshTokenStore>().FindAsync(
            Guid.ParseExact(TestJwt.Claims(django.Project.Refresh).GetProperty("jti").GetString()!, "N"), default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task Import_SkipsAUserWhoseIdOrNameIsTaken_WithTheReason_AndNotItsTokens()
    {
        var project = django.Project;
        await using (var host = await TestServerHost.StartAsync(databasePath: DatabasePath))
        {
            // Id "1" here is someone else than Django's user 1: its tokens must not become theirs.
            using var scope = host.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ServerUser>>();
            (await users.CreateAsync(new ServerUser { Id = project.OwnerId, UserName = "someone-else" }, "password-1234")).Succeeded.ShouldBeTrue();
            (await users.CreateAsync(new ServerUser { Id = "native-staff", UserName = "staff" }, "password-1234")).Succeeded.ShouldBeTrue();
        }

        var result = await ImportAsync("--sqlite", django.SqlitePath);

        result.ExitCode.ShouldBe(0, result.Output);
        result.Output.ShouldContain($"skipped user 'user_pbkdf2_sha256' (id {project.OwnerId}): id {project.OwnerId} belongs to another user here ('someone-else')");
        result.Output.ShouldContain("skipped user 'staff' (id 7): the user name belongs to another user here (id native-staff)");
        result.Output.ShouldContain("Users: 6 imported, 0 already here, 2 skipped.");
        result.Output.ShouldContain("3 skipped (user not imported: 3)");
        await using var after = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var client = after.CreateClient();
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Detail.ShouldBe("Token is invalid");
    }

    [SkippableFact]
    public async Task FirstLogin_RehashesToIdentity_WithoutChangingTheSecurityStamp_OrEndingTheRedeemedSession()
    {
        var project = django.Project;
        await using var host = await ImportAndStartAsync();
        using var client = host.CreateClient();
        var redeemed = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh });
        redeemed.Status.ShouldBe(HttpStatusCode.OK);
        var before = await ReadUserAsync(host, project.OwnerId);
        before.PasswordHash!.ShouldStartWith("pbkdf2_sha256$");

        var logins = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "pbkdf2_sha256-password-1" })));

        logins.ShouldAllBe(login => login.Status == HttpStatusCode.OK);
        var after = await ReadUserAsync(host, project.OwnerId);
        after.PasswordHash!.ShouldNotContain("$");
        after.SecurityStamp.ShouldBe(before.SecurityStamp);
        (await client.GetAsync("/api/me/", redeemed.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = redeemed.Field("refresh") })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "pbkdf2_sha256-password-1" })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "wrong-password-1" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task PasswordChange_FromTheDjangoPassword_TakesTheNewOne_AndEndsTheOtherSessions()
    {
        var project = django.Project;
        await using var host = await ImportAndStartAsync();
        using var client = host.CreateClient();
        var kept = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh });
        var other = await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Race });

        var change = await client.PostJsonAsync("/api/password/change/", new { old_password = "pbkdf2_sha256-password-1", new_password = "new-password-1" }, kept.Field("access"));

        change.Status.ShouldBe(HttpStatusCode.NoContent, change.ToString());
        (await client.GetAsync("/api/me/", kept.Field("access"))).Status.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/me/", other.Field("access"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "pbkdf2_sha256-password-1" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostJsonAsync("/api/token/", new { username = "user_pbkdf2_sha256", password = "new-password-1" })).Status.ShouldBe(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task ConcurrentRefreshes_OfOneDjangoToken_ExactlyOneWins()
    {
        var project = django.Project;
        await using var host = await ImportAndStartAsync();
        using var client = host.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Race })));

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, string.Join("\n", answers.Select(a => a.ToString())));
        answers.Where(a => a.Status != HttpStatusCode.OK).ShouldAllBe(a => a.Detail == "Token is blacklisted");
        using var scope = host.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IJwtAuthSessions>().ListAsync(project.OwnerId)).Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task VerifyAndBlacklist_OfAnOutstandingDjangoToken()
    {
        var project = django.Project;
        await using var host = await ImportAndStartAsync();
        using var client = host.CreateClient();

        (await client.PostJsonAsync("/api/token/verify/", new { token = project.Refresh })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/verify/", new { token = project.Blacklisted })).Detail.ShouldBe("Token is blacklisted");
        (await client.PostJsonAsync("/api/token/blacklist/", new { refresh = project.Refresh })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/blacklist/", new { refresh = project.Refresh })).Detail.ShouldBe("Token is blacklisted");
        (await client.PostJsonAsync("/api/token/verify/", new { token = project.Refresh })).Detail.ShouldBe("Token is blacklisted");
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Detail.ShouldBe("Token is blacklisted");
    }

    [SkippableFact]
    public async Task DjangoRefreshToken_AfterTheUsersSessionsWereAllEnded_IsRefused()
    {
        var project = django.Project;
        await using var host = await ImportAndStartAsync();
        using var client = host.CreateClient();
        var (access, _) = await host.LoginAsync("user_pbkdf2_sha256", "pbkdf2_sha256-password-1");

        (await client.PostJsonAsync("/api/logout/all/", null, access)).Status.ShouldBe(HttpStatusCode.ResetContent);

        (await client.PostJsonAsync("/api/token/verify/", new { token = project.Race })).Detail.ShouldBe("Token is blacklisted");
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Race })).Detail.ShouldBe("Token is blacklisted");
    }

    [SkippableFact]
    public async Task WithoutAnImport_ADjangoRefreshTokenIsUnknown_AndItsAccessTokenWorks()
    {
        var project = django.Project;
        await using var host = await TestServerHost.StartAsync(databasePath: DatabasePath);
        using var client = host.CreateClient();

        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Detail.ShouldBe("Token is invalid");
        (await client.PostJsonAsync("/api/token/verify/", new { token = project.Refresh })).Detail.ShouldBe("Token is invalid");
        (await client.GetAsync(TestServerHost.ProtectedPath, project.Access)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("--sqlite", "missing.sqlite3", "cannot read the Django database")]
    [InlineData("--sqlite", "not-sqlite.txt", "cannot read")]
    [InlineData("--sqlite", "jwtauth.db", "is not a Django database: it has no auth_user table")]
    [InlineData("--dumpdata", "not-sqlite.txt", "cannot read the dumpdata file")]
    [InlineData("--dumpdata", "object.json", "is not a Django dumpdata file: it is not a JSON array")]
    [InlineData("--dumpdata", "empty.json", "holds no auth.user objects")]
    public async Task Import_OfSomethingThatIsNotADjangoDatabase_FailsWithOneLine(string option, string file, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "not-sqlite.txt"), "hello, not a database");
        await File.WriteAllTextAsync(Path.Combine(_directory, "object.json"), """{"model": "auth.user"}""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "empty.json"), "[]");
        await (await TestServerHost.StartAsync(databasePath: Path.Combine(_directory, "jwtauth.db"))).DisposeAsync();

        var result = await ImportAsync(option, Path.Combine(_directory, file));

        result.ExitCode.ShouldBe(1, result.Output);
        var line = result.Output.Trim().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("error: ");
        line.ShouldContain(message);
    }

    [Fact]
    public async Task Import_WithNoSourceOrTwo_ExitsTwo()
    {
        (await ImportAsync()).ExitCode.ShouldBe(2);
        (await ImportAsync("--sqlite", "a", "--dumpdata", "b")).ExitCode.ShouldBe(2);
    }

    /// <summary>Imports the Django SQLite database, then starts the server on the result.</summary>
    private async Task<TestServerHost> ImportAndStartAsync()
    {
        var result = await ImportAsync("--sqlite", django.SqlitePath);
        result.ExitCode.ShouldBe(0, result.Output);
        return await TestServerHost.StartAsync(databasePath: DatabasePath);
    }

    private static async Task<ServerUser> ReadUserAsync(TestServerHost host, string id)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServerDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    private Task<(int ExitCode, string Output)> ImportAsync(params string[] args) => RunImportAsync(_directory, DatabasePath, args);

    /// <summary>Runs <c>importdjango ARGS</c> with the built binary, as an operator does, into the server database <paramref name="databasePath"/>.</summary>
    internal static async Task<(int ExitCode, string Output)> RunImportAsync(string directory, string databasePath, params string[] args)
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={databasePath}",
            ["Logging__LogLevel__Default"] = "Warning",
        }, ["importdjango", .. args]);
        return (exitCode, output + error);
    }
}
