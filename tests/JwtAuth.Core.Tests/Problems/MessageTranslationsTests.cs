using System.Globalization;
using JwtAuth.Problems;
using JwtAuth.Testing;

namespace JwtAuth.Core.Tests.Problems;

public sealed class MessageTranslationsTests
{
    [Fact]
    public void EveryLibraryText_IsTranslatedIntoEveryShippedLanguage_WithTheSamePlaceholders()
    {
        TranslationTable.ShouldBeComplete(typeof(JwtAuthMessages), JwtAuthMessages.Translations);
    }

    [Fact]
    public void EveryLibraryTranslation_WasMadeFromTodaysEnglish()
    {
        TranslationTable.ShouldBeTranslatedFromTodaysEnglish(typeof(JwtAuthMessages), JwtAuthMessages.Translations);
    }

    [Fact]
    public void EveryConstant_IsAKey()
    {
        JwtAuthMessages.Translations.English[nameof(JwtAuthMessages.NoActiveAccount)].ShouldBe(JwtAuthMessages.NoActiveAccount);
        JwtAuthMessages.Translations.English.Count.ShouldBe(typeof(JwtAuthMessages).GetFields().Count(field => field.IsLiteral));
    }

    [Theory]
    [InlineData("es-AR", "es")]
    [InlineData("es-CL", "es")]
    [InlineData("de-CH", "de")]
    [InlineData("sr-Latn-RS", "sr-Latn")]
    [InlineData("sr-Cyrl-RS", "sr")]
    [InlineData("sr-Cyrl", "sr")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans-SG", "zh-Hans")]
    public void ARegionalCulture_AnswersItsParentsText(string regional, string parent)
    {
        var translations = JwtAuthMessages.Translations;

        var text = translations.TranslateFor(CultureInfo.GetCultureInfo(regional), JwtAuthMessages.TokenBlacklisted);

        text.ShouldBe(translations.TranslateFor(CultureInfo.GetCultureInfo(parent), JwtAuthMessages.TokenBlacklisted));
        text.ShouldNotBe(JwtAuthMessages.TokenBlacklisted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("ja")]
    [InlineData("zh-TW")]
    public void ACultureWithoutTranslation_AnswersEnglish(string name)
    {
        JwtAuthMessages.Translations.TranslateFor(CultureInfo.GetCultureInfo(name), JwtAuthMessages.TokenBlacklisted).ShouldBe(JwtAuthMessages.TokenBlacklisted);
    }

    [Fact]
    public void AnUnknownText_IsAnsweredUnchanged()
    {
        JwtAuthMessages.Translations.TranslateFor(CultureInfo.GetCultureInfo("ru"), "A host's own text.").ShouldBe("A host's own text.");
    }

    [Fact]
    public void Format_TranslatesTheFormat_ThenFillsItIn()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            JwtAuthMessages.Translations.Format(JwtAuthMessages.CsrfHeaderMissing, "X-CSRFToken")
                .ShouldBe("CSRF-Prüfung fehlgeschlagen: Eine per Cookie authentifizierte Anfrage muss den Header X-CSRFToken senden.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
