using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace JwtAuth.Server.Hosting;

/// <summary>The server's request localization: the language of its texts from <c>Accept-Language</c>, English by default.</summary>
internal static class ServerLocalization
{
    /// <summary>
    /// <c>Localization:Enabled</c>, on by default, and culture data to localize with. Off, every text is English
    /// whatever the client asks, as SimpleJWT answers without Django's <c>LocaleMiddleware</c>: for clients that
    /// compare <c>detail</c> strings.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Localization:Enabled", true) && HasCultureData();

    // Without ICU (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1) .NET knows only the invariant culture: English, rather than no start.
    private static bool HasCultureData()
    {
        try
        {
            return CultureInfo.GetCultureInfo("en").Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    public static void Configure(RequestLocalizationOptions options)
    {
        // Only the language follows the request; formatting stays invariant, as it is for everything on the wire.
        options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture);
        options.SupportedCultures = [CultureInfo.InvariantCulture];
        options.SupportedUICultures = [CultureInfo.InvariantCulture];
        options.AddJwtAuthUICultures();
        // The issue asks for Accept-Language; a query string or a cookie of another app on the domain should not decide.
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
    }
}
