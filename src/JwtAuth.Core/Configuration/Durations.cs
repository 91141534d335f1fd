using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace JwtAuth.Configuration;

/// <summary>
/// Reads the durations people type into configuration: <c>300s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c>,
/// <c>250ms</c>, or .NET's <c>[d.]hh:mm:ss</c>. A bare number is refused: .NET reads <c>300</c> as
/// 300 days where the author meant seconds.
/// </summary>
internal static class Durations
{
    public const string Expected = "write it as 300s, 5m, 1h, 7d or hh:mm:ss";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var span = text.AsSpan().Trim();
        if (span.Contains(':'))
        {
            return TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out value);
        }

        var digits = span.Length;
        while (digits > 0 && !char.IsAsciiDigit(span[digits - 1]))
        {
            digits--;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        TimeSpan? parsed = span[digits..].Trim() switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            "d" => TimeSpan.FromDays(number),
            _ => null,
        };
        value = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>
    /// Binds <paramref name="section"/> onto <paramref name="target"/>: its <see cref="TimeSpan"/> (and nullable)
    /// properties through <see cref="TryParse"/>, everything else with the configuration binder.
    /// A duration that cannot be read is added to <paramref name="errors"/>, naming the setting.
    /// </summary>
    public static void Bind(IConfigurationSection section, object target, ICollection<string> errors)
    {
        var durations = target.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => (property.PropertyType == typeof(TimeSpan) || property.PropertyType == typeof(TimeSpan?)) && property.CanWrite)
            .ToDictionary(property => property.Name, StringComparer.OrdinalIgnoreCase);
        var rest = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            if (!durations.TryGetValue(key, out var property))
            {
                rest[key] = value;
            }
            else if (TryParse(value, out var duration))
            {
                property.SetValue(target, duration);
            }
            else
            {
                errors.Add($"{section.Path}:{property.Name} '{value}' is not a duration; {Expected}.");
            }
        }

        new ConfigurationBuilder().AddInMemoryCollection(rest).Build().Bind(target);
    }
}
