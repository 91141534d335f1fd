using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>The CLI creates users through Identity too: an over-long name or email is an error line, not a crash.</summary>
public sealed class OverLongFieldCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-long-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("--username", "The user name is too long: at most 256 characters.")]
    [InlineData("--email", "The email address is too long: at most 256 characters.")]
    public async Task UsersCreate_WithAFieldOver256_FailsNamingIt(string option, string message)
    {
        var userName = option == "--username" ? OverLongFields.UserName257 : "erin";
        var email = option == "--email" ? OverLongFields.Email257 : "erin@example.com";

        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "cli.db")}",
            ["Logging__LogLevel__Default"] = "Warning",
        }, "users", "create", "--username", userName, "--email", email, "--password", "password-1234");

        exitCode.ShouldBe(1, output + error);
        (output + error).ShouldContain("error: " + message);
        (output + error).ShouldNotContain("Exception");
    }
}
