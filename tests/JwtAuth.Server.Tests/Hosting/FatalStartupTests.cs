using System.Net;
using System.Net.Sockets;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>
/// A fatal start-up error of the built server is one line naming the cause and exit code 1: no
/// stack trace on the console (it is logged at Debug), not printed twice, no abort (134).
/// </summary>
public sealed class FatalStartupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-fatal-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(null, null, "JwtAuth:SigningKey")]
    [InlineData("JwtAuth__AccessTokenLifetime", "-1", "JwtAuth:AccessTokenLifetime")]
    public async Task InvalidSettings_OneLineNamingTheSetting_ExitCode1(string? variable, string? value, string setting)
    {
        var environment = Production(withKey: variable is not null);
        if (variable is not null)
        {
            environment[variable] = value;
        }

        await using var server = ServerProcess.Start(_directory, environment);
        var exitCode = await server.WaitForExitAsync();

        exitCode.ShouldBe(1, server.Output);
        ShouldBeOneLineWithoutStack(server, setting);
    }

    [Fact]
    public async Task PortInUse_OneLineNamingTheAddress_ExitCode1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";
        var environment = Production(withKey: true);
        environment["ASPNETCORE_URLS"] = address;

        await using var server = ServerProcess.Start(_directory, environment);
        var exitCode = await server.WaitForExitAsync();

        exitCode.ShouldBe(1, server.Output);
        ShouldBeOneLineWithoutStack(server, $"Failed to bind to address {address}: address already in use");
    }

    [Fact]
    public async Task AtDebugLevel_TheExceptionWithItsStackIsLogged()
    {
        var environment = Production(withKey: false);
        environment["Logging__LogLevel__Default"] = "Debug";

        await using var server = ServerProcess.Start(_directory, environment);
        var exitCode = await server.WaitForExitAsync();

        exitCode.ShouldBe(1, server.Output);
        server.StandardOutput.ShouldContain("dbug: JwtAuth.Server.Startup");
        server.StandardOutput.ShouldContain("OptionsValidationException");
        server.StandardOutput.ShouldContain("   at ");
    }

    [Fact]
    public async Task Command_WithoutAKeyInProduction_OneLine_ExitCode1()
    {
        var (exitCode, output, error) = await ServerCommand.RunAsync(_directory, Production(withKey: false), "users", "disable", "--username", "nobody");

        exitCode.ShouldBe(1, output + error);
        var lines = (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Count(line => line.Contains("JwtAuth:SigningKey", StringComparison.Ordinal)).ShouldBe(1, output + error);
        lines.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal), output + error);
        (output + error).ShouldNotContain("Unhandled exception");
    }

    private Dictionary<string, string?> Production(bool withKey) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["JwtAuth__SigningKey"] = withKey ? TestServerHost.SigningKey : null,
        ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "fatal.db")}",
        ["Logging__LogLevel__Default"] = null,
    };

    private static void ShouldBeOneLineWithoutStack(ServerProcess server, string cause)
    {
        var output = server.Output;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var mentions = lines.Where(line => line.Contains(cause, StringComparison.Ordinal)).ToList();
        mentions.Count.ShouldBe(1, output);
        mentions[0].ShouldStartWith("JwtAuth.Server could not start: ");
        server.StandardError.ShouldContain(mentions[0]);
        lines.ShouldNotContain(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal), output);
        output.ShouldNotContain("Unhandled exception");
        output.ShouldNotContain("Hosting failed to start");
        output.ShouldNotContain("fail:");
    }
}
