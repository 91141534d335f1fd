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
    public static ClaimsPrincipal Create(TokenContents contents, JwtAuthOptions options, string scheme) =>
        Create(contents.Type, contents.TokenId, contents.UserId, contents.SessionId, contents.Token, options, scheme);

    /// <summary>
    /// Builds the principal from claims already validated; <paramref name="hostClaimsSource"/> is the
    /// parsed token when it may carry a host's claims, null when it has none.
    /// </summary>
    public static ClaimsPrincipal Create(
        TokenType type, string tokenId, string userId, Guid sessionId, JsonWebToken? hostClaimsSource, JwtAuthOptions options, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, options.UserIdClaim, roleType: "role");
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
            // Claims a host added through OnIssuingToken travel in the token; give them back to the request.
            foreach (var claim in hostClaimsSource.Claims)
            {
                if (!JwtAuthClaimSet.IsOwn(claim.Type, options))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value, claim.ValueType));
                }
            }
        }

        return new ClaimsPrincipal(identity);
    }
}
