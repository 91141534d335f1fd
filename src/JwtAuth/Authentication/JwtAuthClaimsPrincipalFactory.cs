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
    public static ClaimsPrincipal Create(TokenContents contents, JwtAuthOptions options)
    {
        var identity = new ClaimsIdentity(JwtAuthDefaults.AuthenticationScheme, options.UserIdClaim, roleType: "role");
        identity.AddClaim(new Claim(options.UserIdClaim, contents.UserId));
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, contents.UserId));
        identity.AddClaim(new Claim(options.TokenTypeClaim, contents.Type.ToClaimValue()));
        identity.AddClaim(new Claim(options.JtiClaim, contents.TokenId));
        if (contents.SessionId != Guid.Empty)
        {
            identity.AddClaim(new Claim(JwtAuthClaimNames.SessionId, JwtAuthIds.Format(contents.SessionId)));
        }

        AddHostClaims(identity, contents.Token, options);
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
