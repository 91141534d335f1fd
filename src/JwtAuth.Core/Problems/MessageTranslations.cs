using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Resources;

namespace JwtAuth.Problems;

/// <summary>
/// The translations of a table of English client texts (the <c>const string</c> fields of a static
/// class, such as <see cref="JwtAuthMessages"/>): each language is a <c>.resx</c> beside the class
/// whose entries are named after the fields. The English text stays the key, so code and tests keep
/// using the constants; a text this table does not know is answered unchanged.
/// </summary>
/// <remarks>
/// The language is the current UI culture, which ASP.NET Core's request localization sets from
/// <c>Accept-Language</c>. Each culture's table is built once, on its first use, following the
/// culture's parents (<c>es-AR</c> → <c>es</c>); a culture with no translation answers English.
/// </remarks>
public sealed class MessageTranslations
{
    // Cultures come from the host's list of supported ones; the bound only guards a host that sets arbitrary ones.
    private const int MaxCachedCultures = 256;

    private readonly ResourceManager _resources;
    private readonly ConcurrentDictionary<string, FrozenDictionary<string, string>> _byCulture = new(StringComparer.Ordinal);

    /// <param name="messages">The static class whose <c>const string</c> fields are the English texts.</param>
    /// <param name="resources">Its translations: one <c>.resx</c> per culture, an entry per field name.</param>
    public MessageTranslations(Type messages, ResourceManager resources)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(resources);
        _resources = resources;
        English = messages.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .ToFrozenDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!, StringComparer.Ordinal);
    }

    /// <summary>The English texts by their names (the names of the <c>.resx</c> entries).</summary>
    public FrozenDictionary<string, string> English { get; }

    /// <summary><paramref name="english"/> in the current UI culture.</summary>
    public string Translate(string english) => TranslateFor(CultureInfo.CurrentUICulture, english);

    /// <summary><paramref name="english"/> in <paramref name="culture"/>; unchanged when it has no translation.</summary>
    public string TranslateFor(CultureInfo culture, string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.Name.Length == 0)
        {
            return english;
        }

        return TableFor(culture).TryGetValue(english, out var translated) ? translated : english;
    }

    /// <summary>Translates the English composite format <paramref name="englishFormat"/>, then fills in <paramref name="args"/>.</summary>
    public string Format(string englishFormat, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, TranslateFor(CultureInfo.CurrentUICulture, englishFormat), args);

    private FrozenDictionary<string, string> TableFor(CultureInfo culture)
    {
        if (_byCulture.TryGetValue(culture.Name, out var table))
        {
            return table;
        }

        table = Build(culture);
        return _byCulture.Count < MaxCachedCultures ? _byCulture.GetOrAdd(culture.Name, table) : table;
    }

    /// <summary>English text → the text of <paramref name="culture"/> or of its nearest parent that has one.</summary>
    private FrozenDictionary<string, string> Build(CultureInfo culture)
    {
        var sets = new List<ResourceSet>();
        for (var c = culture; c.Name.Length > 0; c = c.Parent)
        {
            if (_resources.GetResourceSet(c, createIfNotExists: true, tryParents: false) is { } set)
            {
                sets.Add(set);
            }
        }

        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, english) in English)
        {
            var translated = sets.Select(set => set.GetString(name)).FirstOrDefault(text => !string.IsNullOrEmpty(text));
            if (translated is not null)
            {
                table[english] = translated;
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
