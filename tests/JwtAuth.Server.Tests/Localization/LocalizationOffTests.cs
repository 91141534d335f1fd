using JwtAuth.Problems;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Localization;

/// <summary><c>Localization:Enabled=false</c>: English whatever the client asks, as SimpleJWT answers by default.</summary>
public sealed class LocalizationOffTests : ServerTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Localization:Enabled"] = "false" };

    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice", "alice-password-1");
    }

    [Fact]
    public async Task WrongPasswordLogin_InRussian_AnswersEnglish()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "ru");

        var response = await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });

        response.Detail.ShouldBe(JwtAuthMessages.NoActiveAccount);
        response.Code.ShouldBe(JwtAuthErrorCodes.NoActiveAccount);
    }
}
