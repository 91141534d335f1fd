using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using JwtAuth.Problems;

namespace JwtAuth.Testing;

/// <summary>Checks a table of client texts against every shipped language, naming each missing key and language.</summary>
public static partial class TranslationTable
{
    /// <summary>Cultures served through a parent's file instead of their own: English is the constants themselves.</summary>
    private static readonly HashSet<string> WithoutOwnFile = ["en", "sr-Cyrl"];

    /// <summary>
    /// Every text of <paramref name="messages"/> has a non-empty translation in the own <c>.resx</c> of every
    /// shipped culture, different from the English, with exactly the English placeholders, and
    /// <see cref="MessageTranslations"/> gives it for that culture.
    /// </summary>
    public static void ShouldBeComplete(Type messages, MessageTranslations translations)
    {
        var resources = new ResourceManager(messages);
        var problems = new List<string>();
        foreach (var name in JwtAuthCultures.Names.Where(name => !WithoutOwnFile.Contains(name)))
        {
            var culture = CultureInfo.GetCultureInfo(name);
            var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
            if (set is null)
            {
                problems.Add($"{name}: no {messages.Name}.{name}.resx");
                continue;
            }

            foreach (var (key, english) in translations.English)
            {
                var text = set.GetString(key);
                if (string.IsNullOrWhiteSpace(text))
                {
                    problems.Add($"{name}: {key} is missing");
                }
                else if (text == english)
                {
                    problems.Add($"{name}: {key} is the English text");
                }
                else if (!Placeholders(text).SequenceEqual(Placeholders(english)))
                {
                    problems.Add($"{name}: {key} has placeholders [{string.Join(' ', Placeholders(text))}], English [{string.Join(' ', Placeholders(english))}]");
                }
                else if (translations.TranslateFor(culture, english) != text)
                {
                    problems.Add($"{name}: {key} is not what {nameof(MessageTranslations)} answers");
                }
            }
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Every translation of <paramref name="messages"/> was made from today's English: each <c>.resx</c> entry's
    /// comment (the English it was translated from) is the constant's text. An English text changed without its
    /// translations being reviewed again is named with each language. The test project copies the files to
    /// <c>Translations/</c> beside it.
    /// </summary>
    public static void ShouldBeTranslatedFromTodaysEnglish(Type messages, MessageTranslations translations)
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Translations"), messages.Name + ".*.resx");
        files.Length.ShouldBe(JwtAuthCultures.Names.Count - WithoutOwnFile.Count, string.Join(", ", files.Select(Path.GetFileName)));
        var problems = new List<string>();
        foreach (var file in files)
        {
            var culture = Path.GetFileNameWithoutExtension(file)[(messages.Name.Length + 1)..];
            foreach (var entry in XDocument.Load(file).Root!.Elements("data"))
            {
                var key = (string)entry.Attribute("name")!;
                var translatedFrom = (string?)entry.Element("comment");
                if (!translations.English.TryGetValue(key, out var english))
                {
                    problems.Add($"{culture}: {key} is no longer a text");
                }
                else if (translatedFrom != english)
                {
                    problems.Add($"{culture}: {key} was translated from \"{translatedFrom}\", the English is now \"{english}\"");
                }
            }
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderPattern();
}
