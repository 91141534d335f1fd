using System.Security.Claims;
using JwtAuth.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtAuth.Authentication;

/// <summary>
/// Builds the request's principal from the token alone, like SimpleJWT's stateless <c>TokenUser</c>:
/// no database is read.
/// </summary>
internal static class JwtAuthClaimsPrincipalFactory
{
    public static ClaimsPrincipal Create(TokenContents contents, JwtAuthOptions options) =>
        Create(contents.Type, contents.TokenId, contents.UserId, contents.SessionId, contents.Token, options);

    /// <summary>
    /// Builds the principal from claims already validated; <paramref name="hostClaimsSource"/> is the
    /// parsed token when it may carry a host's claims, null when it has none.
    /// </summary>
    public static ClaimsPrincipal Create(
        TokenType type, string tokenId, string userId, Guid sessionId, JsonWebToken? hostClaimsSource, JwtAuthOptions options)
    {
        var identity = new ClaimsIdentity(JwtAuthDefaults.AuthenticationScheme, options.UserIdClaim, roleType: "role");
        identity.AddClaim(new Claim(options.UserIdClaim, userId));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId));
        identity.AddClaim(new Claim(options.TokenTypeClaim, type.ToClaimValue()));
        identity.AddClaim(new Claim(options.JtiClaim, tokenId));
        if (sessionId != Guid.Empty)
        {
            identity.AddClaim(new Claim(JwtAuthClaimNames.SessionId, JwtAuthIds.Format(sessionId)));
        }

        if (hostClaimsSource is not null)
        {
            AddHostClaims(identity, hostClaimsSource, options);
        }

        return new ClaimsPrincipal(identity);
    }

    // Claims a host added through OnIssuingToken travel in the token; give them back to the request.
    private static void AddHostClaims(ClaimsIdentity identity, JsonWebToken token, JwtAuthOptions options)
    {
        foreach (var claim in token.Claims)
        {
            if (IsJwtAuthClaim(claim.Type, options))
            {
                continue;
            }

            identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
        }
    }

    private static bool IsJwtAuthClaim(string type, JwtAuthOptions options) =>
        type is JwtRegisteredClaimNames.Exp or JwtRegisteredClaimNames.Iat or JwtRegisteredClaimNames.Nbf
            or JwtRegisteredClaimNames.Aud or JwtRegisteredClaimNames.Iss or JwtAuthClaimNames.SessionId or JwtAuthClaimNames.RefreshExp
        || type == options.UserIdClaim || type == options.TokenTypeClaim || type == options.JtiClaim;
}
