using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JwtAuth.Problems;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Localization;

/// <summary>A server started without culture data (no ICU) still starts, and answers English.</summary>
public sealed class InvariantGlobalizationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-invariant-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WithoutCultureData_TheServerStarts_AndAnswersEnglish()
    {
        await using var server = ServerProcess.Start(_directory, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["JwtAuth__SigningKey"] = TestServerHost.SigningKey,
            ["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_directory, "jwtauth.db")}",
            ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1",
        });
        await server.WaitUntilReadyAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token/") { Content = JsonContent.Create(new { username = "nobody", password = "wrong-password" }) };
        request.Headers.TryAddWithoutValidation("Accept-Language", "ru");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, server.Output);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("detail").GetString().ShouldBe(JwtAuthMessages.NoActiveAccount);
        body.GetProperty("code").GetString().ShouldBe(JwtAuthErrorCodes.NoActiveAccount);
    }
}
