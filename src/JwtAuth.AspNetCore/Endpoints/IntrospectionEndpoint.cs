using System.Text.Json.Serialization;
using JwtAuth.Flows;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>
/// <c>POST token/introspect/</c>, RFC 7662 token introspection for services that neither hold the
/// keys nor follow the feed: verify's verdict (signature, lifetime, claims, revocation, and for a
/// refresh token its record), answered as <c>{"active": …}</c>. A revoked token, one of an ended
/// session, an expired, foreign or malformed one is simply inactive; why is not said.
/// </summary>
internal static class IntrospectionEndpoint
{
    private static readonly IntrospectionResponse Inactive = new(false);

    public static async Task<IResult> IntrospectAsync(HttpContext http, VerifyFlow verify, TokenServices tokens, CancellationToken cancellationToken)
    {
        var (token, problem) = await ServiceForm.ReadTokenAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (failure, contents) = await verify.InspectAsync(token!, cancellationToken).ConfigureAwait(false);
        if (failure != TokenFailure.None)
        {
            return TypedResults.Ok(Inactive);
        }

        var settings = tokens.Options;
        return TypedResults.Ok(new IntrospectionResponse(true)
        {
            TokenUse = contents!.Type.ToClaimValue(),
            Subject = contents.UserId,
            ExpiresAt = contents.ExpiresAt,
            IssuedAt = contents.IssuedAt,
            TokenId = contents.TokenId,
            SessionId = contents.SessionId == Guid.Empty ? null : JwtAuthIds.Format(contents.SessionId),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
        });
    }
}

/// <summary>RFC 7662's answer; for an inactive token only <c>active</c>.</summary>
internal sealed record IntrospectionResponse([property: JsonPropertyName("active")] bool Active)
{
    /// <summary>SimpleJWT's <c>token_type</c> claim (access, refresh, sliding); RFC 7662's own <c>token_type</c> means the OAuth scheme, so it is not reused.</summary>
    [JsonPropertyName("token_use")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenUse { get; init; }

    [JsonPropertyName("sub")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonPropertyName("exp")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ExpiresAt { get; init; }

    [JsonPropertyName("iat")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IssuedAt { get; init; }

    [JsonPropertyName("jti")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenId { get; init; }

    [JsonPropertyName("sid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; init; }

    [JsonPropertyName("iss")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Issuer { get; init; }

    [JsonPropertyName("aud")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Audience { get; init; }
}
