using System.Buffers;
using System.Text;
using System.Text.Json;
using JwtAuth.Users;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtAuth.Tokens;

/// <summary>Signs access, refresh and sliding tokens with SimpleJWT's claims plus <c>sid</c> and <c>kid</c>.</summary>
internal sealed class TokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly JwtAuthOptions _options;
    private readonly TokenKeys _keys;

    public TokenIssuer(JwtAuthOptions options, TokenKeys keys)
    {
        _options = options;
        _keys = keys;
    }

    public IssuedToken Issue(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.TokenId ?? Guid.CreateVersion7(request.IssuedAt);
        // Whole seconds on the wire; the record keeps what the token says.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(request.IssuedAt.ToUnixTimeSeconds());
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(request.ExpiresAt.ToUnixTimeSeconds());

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(_options.TokenTypeClaim, request.Type.ToClaimValue());
            json.WriteNumber(JwtRegisteredClaimNames.Exp, expiresAt.ToUnixTimeSeconds());
            json.WriteNumber(JwtRegisteredClaimNames.Iat, issuedAt.ToUnixTimeSeconds());
            json.WriteString(_options.JtiClaim, JwtAuthIds.Format(id));
            if (NumericUserId.TryParse(request.UserId, out var numericId))
            {
                // SimpleJWT writes an integer primary key as a JSON number; its clients compare it as one.
                json.WriteNumber(_options.UserIdClaim, numericId);
            }
            else
            {
                json.WriteString(_options.UserIdClaim, request.UserId);
            }

            if (request.SessionId != Guid.Empty)
            {
                // No session, no sid: such a token is judged as SimpleJWT's are.
                json.WriteString(JwtAuthClaimNames.SessionId, JwtAuthIds.Format(request.SessionId));
            }
            if (request.RefreshExpiresAt is { } refreshExp)
            {
                json.WriteNumber(JwtAuthClaimNames.RefreshExp, refreshExp.ToUnixTimeSeconds());
            }

            if (_options.Audience is not null)
            {
                json.WriteString(JwtRegisteredClaimNames.Aud, _options.Audience);
            }

            if (_options.Issuer is not null)
            {
                json.WriteString(JwtRegisteredClaimNames.Iss, _options.Issuer);
            }

            if (request.ExtraClaims is not null)
            {
                foreach (var (name, value) in request.ExtraClaims)
                {
                    json.WritePropertyName(name);
                    JsonSerializer.Serialize(json, value);
                }
            }

            json.WriteEndObject();
        }

        var token = _handler.CreateToken(Encoding.UTF8.GetString(buffer.WrittenSpan), _keys.SigningCredentials
            ?? throw new InvalidOperationException("These keys only verify: they were read from the authority."));
        return new IssuedToken(token, id, issuedAt, expiresAt);
    }
}
