using System.Net;
using System.Net.Http.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>
/// The server started as <c>dotnet /path/to/JwtAuth.Server.dll</c> from some other directory (as a
/// service manager starts it) reads the appsettings.json next to the DLL, unless a content root is
/// given explicitly.
/// </summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-contentroot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task StartedFromAnotherDirectory_ReadsTheAppsettingsNextToTheDll()
    {
        // Only appsettings.json lowers Microsoft.EntityFrameworkCore to Warning: without it, the
        // migrations and the login below log their SQL at Information.
        var output = await ServeOneLoginAsync(_directory, new Dictionary<string, string?>
        {
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "server.db")}",
        });

        output.ShouldContain($"Content root path: {AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)}");
        output.ShouldNotContain("info: Microsoft.EntityFrameworkCore", customMessage: output);
        output.ShouldNotContain("Executed DbCommand", customMessage: output);
        Directory.Exists(Path.Combine(_directory, "App_Data")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("argument")]
    [InlineData("environment")]
    public async Task ExplicitContentRoot_IsKept_AndTheDefaultDatabaseLivesUnderIt(string how)
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_directory, "root")).FullName;
        var working = Directory.CreateDirectory(Path.Combine(_directory, "working")).FullName;
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Default"] = null };
        string[] args = [];
        if (how == "argument")
        {
            args = ["--contentRoot", contentRoot];
        }
        else
        {
            environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        }

        var output = await ServeOneLoginAsync(working, environment, args);

        output.ShouldContain($"Content root path: {contentRoot}");
        File.Exists(Path.Combine(contentRoot, "App_Data", "jwtauth.db")).ShouldBeTrue(output);
        Directory.Exists(Path.Combine(working, "App_Data")).ShouldBeFalse();
    }

    /// <summary>Starts the server in Production, makes one (failing) login that queries the database, stops it and returns its output.</summary>
    private static async Task<string> ServeOneLoginAsync(string workingDirectory, Dictionary<string, string?> environment, params string[] args)
    {
        environment.TryAdd("ASPNETCORE_ENVIRONMENT", "Production");
        environment.TryAdd("JwtAuth__SigningKey", TestServerHost.SigningKey);
        environment.TryAdd("ASPNETCORE_CONTENTROOT", null);
        environment.TryAdd("DOTNET_CONTENTROOT", null);
        environment.TryAdd("Logging__LogLevel__Default", null);
        await using var server = ServerProcess.Start(workingDirectory, environment, args);
        await server.WaitUntilReadyAsync();
        using (var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress) })
        {
            var login = await client.PostAsJsonAsync("/api/token/", new { username = "nobody", password = "wrong-password" });
            login.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await server.StopAsync()).ShouldBe(0, server.Output);
        return server.Output;
    }
}
