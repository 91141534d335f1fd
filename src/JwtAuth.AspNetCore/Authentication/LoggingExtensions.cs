using Microsoft.Extensions.Logging;

namespace JwtAuth.Authentication;

/// <summary>The handler's log lines: one per refused token, at the level JwtBearer uses.</summary>
internal static partial class LoggingExtensions
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, EventName = "TokenRefused",
        Message = "JwtAuth scheme {Scheme} refused the bearer token: {Reason} ({Code})")]
    public static partial void TokenRefused(this ILogger logger, string scheme, string reason, string code);
}
