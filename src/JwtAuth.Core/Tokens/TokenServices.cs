using JwtAuth.Revocation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace JwtAuth.Tokens;

/// <summary>
/// The one snapshot of the settings, with the keys, issuer and validators built from it, that the
/// handler, the flows and the revocation sync all use. Settings are read once: a change of the
/// <c>JwtAuth</c> configuration section while running is refused with a warning and applies at
/// the next start, so no request ever sees half of an old and half of a new configuration.
/// </summary>
internal sealed partial class TokenServices : IDisposable
{
    private readonly RevocationRegistry _registry;
    private readonly IDisposable? _changeSubscription;

    public TokenServices(
        IOptions<JwtAuthOptions> options,
        RevocationRegistry registry,
        TimeProvider time,
        ILogger<TokenServices> logger,
        IConfiguration? configuration = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, TokenKeys.Create(options.Value), registry, time)
    {
        if (configuration is not null)
        {
            var section = configuration.GetSection(JwtAuthOptions.ConfigurationSection);
            var started = Fingerprint(section);
            _changeSubscription = ChangeToken.OnChange(configuration.GetReloadToken, () =>
            {
                if (Fingerprint(section) != started)
                {
                    LogChangeRefused(logger);
                }
            });
        }
    }

    /// <summary>
    /// Services over keys that do not come from the settings' own key: a resource server's, read
    /// from the authority (<see cref="TokenKeys.FromAuthority"/>).
    /// </summary>
    public TokenServices(JwtAuthOptions options, TokenKeys keys, RevocationRegistry registry, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        Options = options;
        Keys = keys;
        Issuer = new TokenIssuer(Options, Keys);
        Validator = new TokenValidator(Options, Keys, time);
        HmacReader = TokenAlgorithms.IsHmac(Keys.Algorithm) ? new HmacTokenReader(Options, Keys) : null;
        Time = time;
        _registry = registry;
    }

    /// <summary>The settings in force; they never change while the process runs.</summary>
    public JwtAuthOptions Options { get; }

    public TokenKeys Keys { get; }

    public TokenIssuer Issuer { get; }

    public TokenValidator Validator { get; }

    /// <summary>The bearer hot path's allocation-free validator; null unless the algorithm is HMAC.</summary>
    public HmacTokenReader? HmacReader { get; }

    public TimeProvider Time { get; }

    /// <summary>
    /// The token endpoints' validation: HMAC tokens on the bearer handler's path (the same verdicts,
    /// tested against each other, without IdentityModel's parsing), others by <see cref="Validator"/>.
    /// </summary>
    public ValueTask<TokenCheck> CheckAsync(string token) =>
        HmacReader is { } reader
            ? ValueTask.FromResult(reader.Check(token, Time.GetUtcNow().ToUnixTimeSeconds()))
            : Validator.ValidateAsync(token);

    /// <summary>
    /// Whether the revocations are known at <paramref name="now"/>: always on a node of the server;
    /// on a resource server that refuses tokens while its revocation feed is out of reach, only
    /// until the configured bound has passed since the feed last answered.
    /// </summary>
    public bool RevocationsKnownAt(DateTimeOffset now) => _registry.IsKnownAt(now.ToUnixTimeMilliseconds());

    /// <summary>
    /// The one revocation rule, for the handler and verify alike: a refresh token of an ended
    /// session or user is always refused; an access or sliding token only with
    /// <see cref="JwtAuthOptions.RevokeAccessTokensOnLogout"/> (without it, SimpleJWT's behaviour).
    /// </summary>
    public bool IsRevoked(TokenType type, Guid sessionId, ReadOnlySpan<char> userId, long issuedAt) =>
        (type == TokenType.Refresh || Options.RevokeAccessTokensOnLogout) && _registry.IsRevoked(sessionId, userId, issuedAt);

    public void Dispose() => _changeSubscription?.Dispose();

    private static string Fingerprint(IConfigurationSection section) =>
        string.Join('\n', section.AsEnumerable().OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value));

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "The JwtAuth configuration section changed while running; the change is refused and the settings in force stay until the next start.")]
    private static partial void LogChangeRefused(ILogger logger);
}
