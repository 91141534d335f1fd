using System.Net;
using JwtAuth.Problems;
using JwtAuth.Server.Problems;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;

namespace JwtAuth.Server.Tests.Localization;

/// <summary>The language of every text a client sees follows <c>Accept-Language</c>; the <c>code</c> never does.</summary>
public sealed class LanguageTests : ServerTestBase
{
    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice", "alice-password-1");
    }

    private async Task<ApiResponse> WrongPasswordLoginAsync(string? acceptLanguage)
    {
        using var client = Host.CreateClient();
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return await client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" });
    }

    [Fact]
    public async Task WrongPasswordLogin_InRussian_AnswersRussianDetail_WithTheEnglishCode()
    {
        var english = await WrongPasswordLoginAsync(null);
        var russian = await WrongPasswordLoginAsync("ru");

        english.Detail.ShouldBe(JwtAuthMessages.NoActiveAccount);
        russian.Status.ShouldBe(HttpStatusCode.Unauthorized);
        russian.Detail.ShouldBe("Не найдено активной учётной записи с указанными учётными данными");
        russian.Code.ShouldBe(english.Code);
        russian.Code.ShouldBe(JwtAuthErrorCodes.NoActiveAccount);
    }

    [Theory]
    [InlineData("sr-Latn", "Nije pronađen aktivan nalog sa datim akreditivima")]
    [InlineData("sr-Latn-RS", "Nije pronađen aktivan nalog sa datim akreditivima")]
    [InlineData("sr-Cyrl", "Није пронађен активан налог са датим акредитивима")]
    [InlineData("sr", "Није пронађен активан налог са датим акредитивима")]
    [InlineData("es-AR", "No se encontró ninguna cuenta activa con las credenciales proporcionadas")]
    [InlineData("de-CH", "Kein aktives Konto mit diesen Zugangsdaten gefunden")]
    [InlineData("zh-CN", "未找到与所给凭据对应的有效账户")]
    [InlineData("pt-BR", "Nenhuma conta ativa foi encontrada com as credenciais fornecidas")]
    [InlineData("fr-CA,en;q=0.5", "Aucun compte actif n'a été trouvé avec les identifiants fournis")]
    public async Task WrongPasswordLogin_FollowsTheLanguage_AndItsParents(string acceptLanguage, string detail)
    {
        var response = await WrongPasswordLoginAsync(acceptLanguage);

        response.Detail.ShouldBe(detail);
        response.Code.ShouldBe(JwtAuthErrorCodes.NoActiveAccount);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("ja")]
    [InlineData("en-GB")]
    [InlineData("en, ru;q=0.9")]
    [InlineData("*")]
    [InlineData("not a language;;;q=x")]
    public async Task WrongPasswordLogin_InAnUnknownLanguageOrEnglish_AnswersEnglish(string acceptLanguage)
    {
        var response = await WrongPasswordLoginAsync(acceptLanguage);

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe(JwtAuthMessages.NoActiveAccount);
    }

    [Fact]
    public async Task FieldErrors_AreTranslated()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "ru");

        var response = await client.PostJsonAsync("/api/token/", new { username = "alice" });

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Detail.ShouldBe("Произошла одна или несколько ошибок проверки.");
        response.Json.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("Это поле обязательно.");
        response.Code.ShouldBe(JwtAuthErrorCodes.Invalid);
    }

    [Fact]
    public async Task BearerRefusal_TranslatesDetailAndEveryMessagesEntry()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "sr-Latn");

        var response = await client.GetAsync("/api/me/", "not.a.token");

        response.Status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Detail.ShouldBe("Dati token ne važi ni za jedan tip tokena");
        response.Code.ShouldBe(JwtAuthErrorCodes.TokenNotValid);
        var messages = response.Json.GetProperty("messages").EnumerateArray().ToArray();
        messages.ShouldNotBeEmpty();
        foreach (var message in messages)
        {
            message.GetProperty("message").GetString().ShouldBe("Token je nevažeći ili je istekao");
            // Class and type names are identifiers, not texts.
            message.GetProperty("token_class").GetString().ShouldBeOneOf("AccessToken", "SlidingToken");
        }
    }

    [Fact]
    public async Task ServerTexts_AreTranslated_RoutingAndIdentity()
    {
        using var client = Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "ru");

        var notFound = await client.GetAsync("/api/nothing-here/", bearer: null);
        var methodNotAllowed = await client.GetAsync("/api/token/", bearer: null);
        var shortPassword = await client.PostJsonAsync("/api/register/", new { username = "bob", password = "short" });

        notFound.Detail.ShouldBe("Не найдено.");
        notFound.Code.ShouldBe(JwtAuthErrorCodes.NotFound);
        methodNotAllowed.Detail.ShouldBe("Метод \"GET\" не разрешён.");
        methodNotAllowed.Code.ShouldBe(JwtAuthErrorCodes.MethodNotAllowed);
        shortPassword.Status.ShouldBe(HttpStatusCode.BadRequest);
        shortPassword.Json.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("Пароль должен содержать не менее 8 символов.");
    }

    [Fact]
    public async Task EnglishIdentityTexts_AreIdentitysOwn()
    {
        using var client = Host.CreateClient();

        var shortPassword = await client.PostJsonAsync("/api/register/", new { username = "bob", password = "short" });

        var identity = new Microsoft.AspNetCore.Identity.IdentityErrorDescriber();
        shortPassword.Json.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe(identity.PasswordTooShort(8).Description);
    }

    [Fact]
    public void EveryServerText_IsTranslated()
    {
        TranslationTable.ShouldBeComplete(typeof(ServerMessages), ServerMessages.Translations);
    }

    [Fact]
    public void EveryServerTranslation_WasMadeFromTodaysEnglish()
    {
        TranslationTable.ShouldBeTranslatedFromTodaysEnglish(typeof(ServerMessages), ServerMessages.Translations);
    }
}
