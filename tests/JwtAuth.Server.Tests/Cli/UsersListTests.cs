using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;

namespace JwtAuth.Server.Tests.Cli;

/// <summary><c>users list</c>, run as the built binary is run in production.</summary>
public sealed class UsersListTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-users-list-").FullName;

    private string DatabasePath => Path.Combine(_directory, "users.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task UsersList_PrintsOneLinePerUser_ByUserName_WithIdActiveStaffAndEmail()
    {
        var ids = new Dictionary<string, string>();
        await using (var host = await TestServerHost.StartAsync(databasePath: DatabasePath))
        {
            using var scope = host.Services.CreateScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            // Created out of order, with a capital letter: the list is ordered by user name, ordinally.
            foreach (var (name, email, admin) in new[] { ("root", "root@example.com", true), ("bob", null, false), ("Zed", null, false), ("alice", "alice@example.com", false) })
            {
                var (user, result) = await administration.CreateAsync(name, "password-1234", email, admin);
                result.Succeeded.ShouldBeTrue();
                ids[name] = user!.Id;
            }

            (await administration.SetActiveAsync("bob", active: false))!.Succeeded.ShouldBeTrue();
        }

        var (exitCode, output) = await RunAsync("users", "list");

        exitCode.ShouldBe(0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(5, output);
        Columns(lines[0]).ShouldBe(["USERNAME", "ID", "ACTIVE", "STAFF", "EMAIL"]);
        Columns(lines[1]).ShouldBe(["Zed", ids["Zed"], "yes", "no", "-"]);
        Columns(lines[2]).ShouldBe(["alice", ids["alice"], "yes", "no", "alice@example.com"]);
        Columns(lines[3]).ShouldBe(["bob", ids["bob"], "no", "no", "-"]);
        Columns(lines[4]).ShouldBe(["root", ids["root"], "yes", "yes", "root@example.com"]);
        // Columns line up: every id starts where the header's ID does.
        lines.Select(line => line.IndexOf(Columns(line)[1], StringComparison.Ordinal)).Distinct().Count().ShouldBe(1);

        (await RunAsync("users", "list")).Output.ShouldBe(output);
    }

    [Fact]
    public async Task UsersList_OnANewDatabase_SaysThereAreNone()
    {
        var (exitCode, output) = await RunAsync("users", "list");

        exitCode.ShouldBe(0, output);
        output.Trim().ShouldBe("No users.");
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={DatabasePath}",
            ["Logging__LogLevel__Default"] = "Warning",
        }, args);
        return (exitCode, output + error);
    }
}
