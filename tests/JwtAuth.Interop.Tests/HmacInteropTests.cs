using System.Text.Json;

namespace JwtAuth.Interop.Tests;

/// <summary>
/// Python's verifiers accept JwtAuth's HS256 tokens with the shared key: PyJWT (Debian python3-jwt)
/// and Django REST Framework SimpleJWT's JWTAuthentication in the peer's Django project, for a
/// Django user with the same numeric id.
/// </summary>
public sealed class HmacInteropTests(HmacInteropFixture fixture) : IClassFixture<HmacInteropFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jwtauth-django-").FullName;

    private InteropServer Server => fixture.Server;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public async Task PyJwt_VerifiesAnAccessToken_AndReadsUserIdAsANumber()
    {
        await InteropTools.RequirePythonModulesAsync("jwt", "python3-jwt");
        var (access, _) = await Server.LoginAsync();

        var (exitCode, output) = await InteropTools.RunAsync(InteropTools.Python, null, InteropTools.ScriptPath("pyjwt_decode.py"), access, HmacInteropFixture.SigningKey, "HS256");

        exitCode.ShouldBe(0, output);
        var payload = JsonDocument.Parse(output).RootElement;
        payload.GetProperty("user_id").ValueKind.ShouldBe(JsonValueKind.Number);
        payload.GetProperty("user_id").GetInt64().ShouldBe(Server.UserId);
        payload.GetProperty("token_type").GetString().ShouldBe("access");
    }

    [SkippableFact]
    public async Task PyJwt_RefusesATokenSignedWithAnotherKey()
    {
        await InteropTools.RequirePythonModulesAsync("jwt", "python3-jwt");
        var (access, _) = await Server.LoginAsync();

        var (exitCode, output) = await InteropTools.RunAsync(InteropTools.Python, null, InteropTools.ScriptPath("pyjwt_decode.py"), access, HmacInteropFixture.SigningKey + "x", "HS256");

        exitCode.ShouldBe(1, output);
        output.ShouldContain("InvalidSignatureError");
    }

    [SkippableFact]
    public async Task DjangoJwtAuthentication_AuthenticatesTheUserWithTheSameId()
    {
        var (exitCode, output) = await RunDjangoAsync((await Server.LoginAsync()).Access);

        exitCode.ShouldBe(0, output);
        var user = JsonDocument.Parse(output).RootElement;
        user.GetProperty("id").GetInt64().ShouldBe(Server.UserId);
        user.GetProperty("username").GetString().ShouldBe(InteropServer.UserName);
    }

    [SkippableFact]
    public async Task DjangoJwtAuthentication_RefusesARefreshToken()
    {
        var (exitCode, output) = await RunDjangoAsync((await Server.LoginAsync()).Refresh);

        exitCode.ShouldBe(1, output);
        output.ShouldContain("Given token not valid for any token type");
    }

    private async Task<(int ExitCode, string Output)> RunDjangoAsync(string token)
    {
        await InteropTools.RequirePythonModulesAsync("jwt, django, rest_framework_simplejwt", "python3-djangorestframework-simplejwt python3-django python3-jwt");
        var peer = InteropTools.PeerDjangoDirectory();
        var database = Path.Combine(_directory, $"{Guid.NewGuid():N}.sqlite3");
        return await InteropTools.RunAsync(InteropTools.Python, _directory, InteropTools.ScriptPath("django_authenticate.py"),
            peer, database, Server.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), InteropServer.UserName, token, "hs", HmacInteropFixture.SigningKey);
    }
}
