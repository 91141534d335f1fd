namespace JwtAuth.Authentication;

/// <summary>
/// The <c>WWW-Authenticate</c> challenge of every 401, SimpleJWT's <c>Bearer realm="api"</c> (its
/// first auth header type), whether the handler or a token endpoint refused (<see cref="Endpoints.EndpointCallFilter"/>).
/// </summary>
internal static class BearerChallenge
{
    public static string Of(JwtAuthOptions options) => $"{options.AuthHeaderTypes[0]} realm=\"{JwtAuthDefaults.Realm}\"";
}
