using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Tokens;

/// <summary>
/// Validates a token with <see cref="JsonWebTokenHandler"/> and applies SimpleJWT's claim rules.
/// The token endpoints use it; the authentication handler's HMAC fast path is tested against it.
/// </summary>
public sealed class TokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly JwtAuthOptions _options;
    private readonly TokenKeys _keys;
    private readonly TimeProvider _time;

    public TokenValidator(JwtAuthOptions options, TokenKeys keys, TimeProvider time)
    {
        _options = options;
        _keys = keys;
        _time = time;
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = keys.VerificationKey,
            ValidAlgorithms = [keys.Algorithm],
            // One configured key; a foreign kid was refused above, and a token without one (SimpleJWT) uses it.
            TryAllIssuerSigningKeys = true,
            RequireSignedTokens = true,
            // Lifetime is checked below with SimpleJWT's rules (exp == now is expired; iat checked too).
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidateIssuer = options.Issuer is not null,
            ValidIssuer = options.Issuer,
            ValidateAudience = options.Audience is not null,
            ValidAudience = options.Audience,
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

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        // A kid we do not know is refused outright (no trying every key); SimpleJWT's tokens carry none.
        using (var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader)))
        {
            if (header.RootElement.TryGetProperty(JwtHeaderParameterNames.Kid, out var kid)
                && (kid.ValueKind != JsonValueKind.String || kid.GetString() != _keys.KeyId))
            {
                return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
            }
        }

        var result = await _handler.ValidateTokenAsync(jwt, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return TokenCheck.Fail(TokenFailure.InvalidOrExpired);
        }

        // The claims are read from the payload's own JSON, so that their JSON types are checked
        // exactly (JsonWebToken converts some of them on reading).
        using var payloadDocument = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        return CheckClaims(jwt, payloadDocument.RootElement, checkExpiry);
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
