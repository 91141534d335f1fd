using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Cli;

/// <summary>The top-level help of the built binary: the commands, exit 0, no server, no settings needed.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-help-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_InProductionWithoutAKey_ListsTheCommandsAndExitsZero(string option)
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = null,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "help.db")}",
        }, option);

        exitCode.ShouldBe(0, output + error);
        output.ShouldContain("Usage:");
        foreach (var command in new[] { "migrate", "createsuperuser", "users", "flushexpiredtokens", "importdjango" })
        {
            output.ShouldContain(command);
        }

        output.ShouldContain("Run without a command to serve HTTP");
        (output + error).ShouldNotContain("Now listening");
        (output + error).ShouldNotContain("SigningKey is not set");
        error.ShouldBeEmpty();
        File.Exists(Path.Combine(_directory, "help.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task UsersHelp_ListsTheUsersCommands()
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = null,
        }, "users", "--help");

        exitCode.ShouldBe(0, output + error);
        foreach (var command in new[] { "list", "create", "disable", "enable", "delete" })
        {
            output.ShouldContain(command);
        }
    }
}
