using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Npgsql;

namespace JwtAuth.Server.Tests.Django;

/// <summary><c>importdjango --postgres</c>: the Django project's database in a real PostgreSQL, made there by the real Django.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresDjangoImportTests(PostgresServer postgres) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-import-pg-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task ImportFromPostgres_UsersLogIn_AndADjangoRefreshTokenBecomesASession()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("django");
        var project = await DjangoProject.CreatePostgresAsync(postgres.Port, new NpgsqlConnectionStringBuilder(connectionString).Database!);
        var databasePath = Path.Combine(_directory, "server.db");

        var (exitCode, output) = await DjangoImportTests.RunImportAsync(_directory, databasePath, "--postgres", connectionString);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Users: 8 imported, 0 already here, 0 skipped.");
        output.ShouldContain("Refresh tokens: 3 imported, 0 blacklisted since the last import, 0 already here, 0 skipped.");
        await using var host = await TestServerHost.StartAsync(databasePath: databasePath);
        using var client = host.CreateClient();
        var staff = await client.PostJsonAsync("/api/token/", new { username = "staff", password = "staff-password-1" });
        staff.Status.ShouldBe(HttpStatusCode.OK, staff.ToString());
        (await client.GetAsync("/api/me/", staff.Field("access"))).Json.GetProperty("is_staff").GetBoolean().ShouldBeTrue();
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Refresh })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh = project.Blacklisted })).Detail.ShouldBe("Token is blacklisted");
    }

    [SkippableFact]
    public async Task ImportFromPostgres_OfADatabaseWithoutDjango_FailsWithOneLine_ThatHoldsNoPassword()
    {
        postgres.EnsureAvailable();
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("empty")) { Password = "do-not-print-me" }.ConnectionString;

        var (exitCode, output) = await DjangoImportTests.RunImportAsync(_directory, Path.Combine(_directory, "server.db"), "--postgres", connectionString);

        exitCode.ShouldBe(1, output);
        var line = output.Trim().Split('\n').ShouldHaveSingleItem();
        line.ShouldStartWith("error: ");
        line.ShouldContain("is not a Django database: it has no auth_user table");
        line.ShouldNotContain("do-not-print-me");
    }
}
