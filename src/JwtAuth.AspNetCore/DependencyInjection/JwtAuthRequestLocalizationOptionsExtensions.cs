using System.Globalization;
using JwtAuth.Problems;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Lets request localization choose among JwtAuth's languages.</summary>
public static class JwtAuthRequestLocalizationOptionsExtensions
{
    /// <summary>
    /// Adds <see cref="JwtAuthCultures.Names"/> to the supported UI cultures, keeping the host's own,
    /// so that <c>app.UseRequestLocalization(options =&gt; options.AddJwtAuthUICultures())</c> answers
    /// JwtAuth's errors in the language of <c>Accept-Language</c>. Only the UI culture is added:
    /// number and date formatting stay as the host has them.
    /// </summary>
    public static RequestLocalizationOptions AddJwtAuthUICultures(this RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cultures = new List<CultureInfo>(options.SupportedUICultures ?? []);
        foreach (var name in JwtAuthCultures.Names)
        {
            var culture = CultureInfo.GetCultureInfo(name);
            if (!cultures.Contains(culture))
            {
                cultures.Add(culture);
            }
        }

        options.SupportedUICultures = cultures;
        return options;
    }
}
