namespace JwtAuth.Problems;

/// <summary>The languages JwtAuth's client texts come in (docs/languages.md).</summary>
public static class JwtAuthCultures
{
    /// <summary>
    /// The UI culture names, English first. <c>sr</c> is Serbian in Cyrillic, as in CLDR and .NET
    /// (<c>sr-Cyrl</c> falls back to it); Latin is <c>sr-Latn</c>. Regional variants (<c>es-AR</c>,
    /// <c>de-CH</c>, <c>zh-CN</c>) fall back to their parent culture.
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "en", "cs", "de", "es", "fa", "fr", "id", "it", "ko", "nl", "pl", "pt-BR", "ro", "ru",
        "sr", "sr-Cyrl", "sr-Latn", "sv", "tr", "uk", "zh-Hans",
    ];
}
