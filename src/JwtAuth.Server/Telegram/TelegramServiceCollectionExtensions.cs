using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>Registers the Telegram sign-in when a bot token is configured.</summary>
internal static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Telegram services and validates their settings at start-up; false (and nothing
    /// added) when no bot token is configured, so the endpoints are not mapped.
    /// </summary>
    public static bool AddTelegramSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = new TelegramOptions();
        TelegramOptions.Bind(configuration, configured);
        if (configured.BotTokens.Count == 0)
        {
            return false;
        }

        services.AddOptions<TelegramOptions>().Configure(options => TelegramOptions.Bind(configuration, options)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>());
        services.AddSingleton<TelegramBots>();
        services.AddSingleton<TelegramReplayGuard>();
        services.AddSingleton<TelegramVerifier>();
        services.AddScoped<TelegramAccounts>();
        return true;
    }
}
