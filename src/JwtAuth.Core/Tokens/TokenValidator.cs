using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Tokens;

/// <summary>
/// Validates a token with <see cref="JsonWebTokenHandler"/> and applies SimpleJWT's claim rules:
/// the reference. HMAC tokens take <see cref="HmacTokenReader"/> in the authentication handler and
/// the token endpoints (<see cref="TokenServices.CheckAsync"/>), tested against this; asymmetric
/// keys, and the sliding refresh's check without expiry, come here.
/// </summary>
/// <remarks>
/// On top of <see cref="JsonWebTokenHandler"/>, a token must be a compact JWS of three base64url
/// segments without padding or whitespace, its header and payload well-formed UTF-8 JSON objects
/// with nothing after them, every string in them valid Unicode, and no top-level name twice: where
/// JSON parsers disagree on such input (which of two <c>alg</c> wins?), JwtAuth refuses it. A header
/// with <c>crit</c> is refused too: JwtAuth understands no extension it could name.
/// </remarks>
internal sealed class TokenValidator
{
    private const string CriticalHeader = "crit";

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly JwtAuthOptions _options;
    private readonly TokenKeys _keys;
    private readonly TimeProvider _time;

    public TokenValidator(JwtAuthOptions options, TokenKeys keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        _options = options;
        _keys = keys;
        _time = time;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = keys.VerificationKey,
            // A resource server's keys: the authority's JWKS, refreshed by the handler when a token
            // names a key it has not seen (a rollover), as JwtBearer does.
            ConfigurationManager = keys.Authority,
            ValidAlgorithms = [keys.Algorithm],
            // The one configured key. A token naming another kid is refused below before this runs;
            // one naming none (SimpleJWT's) is tried with it, where TryAllIssuerSigningKeys = false
            // would find no key at all.
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            // Lifetime is checked below with SimpleJWT's rules (exp == now is expired; iat checked too).
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuer = options.Issuer is not null,
            ValidIssuer = options.Issuer,
            ValidateAudience = options.Audience is not null,
            ValidAudience = options.Audience,
            // PyJWT compares aud exactly: "api/" is not "api".
            IgnoreTrailingSlashWhenValidatingAudience = false,
            ValidateIssuerSigningKey = false,
            ClockSkew = TimeSpan.Zero,
        };
    }

    /// <summary>
    /// Validates signature, algorithm, key id, lifetime and the required claims.
    /// </summary>
    /// <param name="token">The compact JWS.</param>
    /// <param name="checkExpiry">False only for sliding refresh, where <c>refresh_exp</c> rules instead of <c>exp</c>.</param>
    public async ValueTask<TokenCheck> ValidateAsync(string? token, bool checkExpiry = true)
    {
        if (string.IsNullOrEmpty(token) || token.Length > _options.MaxTokenLength)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        var segments = token.Split('.');
        if (segments.Length != 3 || Array.Exists(segments, segment => segment.AsSpan().ContainsAnyExcept(Base64UrlAlphabet)))
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        using var header = ParseObject(segments[0]);
        using var payload = ParseObject(segments[1]);
        if (header is null || payload is null)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        // crit names extensions the recipient must understand (RFC 7515 4.1.11); JwtAuth understands
        // none, so a token with one is refused, whatever it lists. JsonWebTokenHandler ignores it.
        if (header.RootElement.TryGetProperty(CriticalHeader, out _))
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        // A kid we do not know is refused outright (no trying every key); SimpleJWT's tokens carry none.
        // The authority's keys are looked up by kid in its JWKS instead.
        if (_keys.Authority is null
            && header.RootElement.TryGetProperty(JwtHeaderParameterNames.Kid, out var kid)
            && (kid.ValueKind != JsonValueKind.String || kid.GetString() != _keys.KeyId))
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        var result = await _handler.ValidateTokenAsync(jwt, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        // The claims are read from the payload's own JSON, so that their JSON types are checked
        // exactly (JsonWebToken converts some of them on reading).
        return CheckClaims(jwt, payload.RootElement, checkExpiry);
    }

    // A header or payload segment as one JSON object, or null when JwtAuth's strictness refuses it.
    private static JsonDocument? ParseObject(string segment)
    {
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(segment);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!Utf8.IsValid(json))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        try
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && HasDistinctNames(document.RootElement))
            {
                ReadAllStrings(document.RootElement);
                return document;
            }
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16 (a lone surrogate).
        }

        document.Dispose();
        return null;
    }

    private static bool HasDistinctNames(JsonElement root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return false;
            }
        }

        return true;
    }

    // Unescapes every name and string, throwing InvalidOperationException on one that is not valid UTF-16.
    private static void ReadAllStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadAllStrings(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadAllStrings(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    private TokenCheck CheckClaims(JsonWebToken jwt, JsonElement payload, bool checkExpiry)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var leeway = (long)_options.Leeway.TotalSeconds;

        // PyJWT checks the time claims while decoding, so their failures read "invalid or expired";
        // SimpleJWT's own checks (exp present, jti, token_type) come after, with their own messages.
        var expPresence = TokenClaimRules.ReadEpoch(payload, JwtRegisteredClaimNames.Exp, out var exp);
        var nbfPresence = TokenClaimRules.ReadEpoch(payload, JwtRegisteredClaimNames.Nbf, out var nbf);
        var iatPresence = TokenClaimRules.ReadEpoch(payload, JwtRegisteredClaimNames.Iat, out var iat);
        if (expPresence == ClaimPresence.Malformed || nbfPresence == ClaimPresence.Malformed || iatPresence == ClaimPresence.Malformed
            || (checkExpiry && expPresence == ClaimPresence.Present && !TokenClaimRules.IsUnexpired(exp, now, leeway))
            || (nbfPresence == ClaimPresence.Present && !TokenClaimRules.IsNotInFuture(nbf, now, leeway))
            || (iatPresence == ClaimPresence.Present && !TokenClaimRules.IsNotInFuture(iat, now, leeway)))
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        if (expPresence == ClaimPresence.Absent)
        {
            return TokenCheck.Fail(TokenFailure.NoExp);
        }

        if (!payload.TryGetProperty(_options.JtiClaim, out var jti))
        {
            return TokenCheck.Fail(TokenFailure.NoId);
        }

        if (jti.ValueKind != JsonValueKind.String || jti.GetString() is not { Length: > 0 } tokenId)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        if (!payload.TryGetProperty(_options.TokenTypeClaim, out var typeClaim))
        {
            return TokenCheck.Fail(TokenFailure.NoType);
        }

        var type = typeClaim.ValueKind == JsonValueKind.String ? TokenTypeNames.Parse(typeClaim.GetString()) : TokenType.Unknown;
        if (type == TokenType.Unknown)
        {
            return TokenCheck.Fail(TokenFailure.WrongType);
        }

        long refreshExp = 0;
        if (!TokenClaimRules.TryReadSessionId(payload, out var sessionId)
            || (type == TokenType.Sliding && TokenClaimRules.ReadEpoch(payload, JwtAuthClaimNames.RefreshExp, out refreshExp) != ClaimPresence.Present))
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        if (!TokenClaimRules.TryReadUserId(payload, _options.UserIdClaim, out var userId))
        {
            return TokenCheck.Fail(TokenFailure.NoUserId);
        }

        return new TokenCheck(TokenFailure.None, new TokenContents
        {
            Type = type,
            TokenId = tokenId,
            UserId = userId,
            SessionId = sessionId,
            ExpiresAt = exp,
            IssuedAt = iat,
            RefreshExpiresAt = refreshExp,
            Token = jwt,
        });
    }
}
