using System.Collections.Frozen;

namespace JwtAuth.Tokens;

/// <summary>
/// The claims JwtAuth owns: it writes or checks them, a host cannot add them when a token is
/// issued, and they are not handed back as host claims on the request's principal. The HMAC
/// reader classifies payload names by hand for speed; a test holds it to this set.
/// </summary>
internal static class JwtAuthClaimSet
{
    /// <summary>
    /// The names owned whatever the configuration. <c>sub</c> is among them although JwtAuth does not
    /// write it: generic verifiers read it as the user, so a host must not set one that disagrees
    /// with the user id claim.
    /// </summary>
    public static readonly FrozenSet<string> FixedNames = FrozenSet.Create(
        StringComparer.Ordinal, "exp", "iat", "nbf", "aud", "iss", "sub", JwtAuthClaimNames.SessionId, JwtAuthClaimNames.RefreshExp);

    public static bool IsOwn(string name, JwtAuthOptions options) =>
        FixedNames.Contains(name) || name == options.UserIdClaim || name == options.TokenTypeClaim || name == options.JtiClaim;
}
