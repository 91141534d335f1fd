using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Cli;

/// <summary>Operators' output stays English on a machine with another locale; only requests follow Accept-Language.</summary>
public sealed class OperatorLanguageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-operator-language-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task CreateSuperUser_OnARussianMachine_PrintsIdentitysEnglishError()
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "users.db")}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["LANG"] = "ru_RU.UTF-8",
            ["LC_ALL"] = "ru_RU.UTF-8",
        }, "createsuperuser", "--username", "root", "--password", "short");

        exitCode.ShouldNotBe(0, output + error);
        (output + error).ShouldContain(new Microsoft.AspNetCore.Identity.IdentityErrorDescriber().PasswordTooShort(8).Description);
    }
}
