using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JwtAuth.Bench.Hosts;

/// <summary>
/// The protected endpoint both benchmark hosts serve, compiled into each from this one file so
/// that the only difference between them is the authentication scheme.
/// </summary>
internal static class MeEndpoint
{
    public const string Path = "/api/me/";

    /// <summary>The claim both hosts read the user id from (JwtAuth's default; JwtBearer keeps it unmapped).</summary>
    public const string UserIdClaim = "user_id";

    public static IEndpointConventionBuilder MapMe(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (ClaimsPrincipal user) => TypedResults.Ok(new MeResponse(user.FindFirstValue(UserIdClaim) ?? "")))
            .RequireAuthorization();
}

/// <summary>The tiny JSON answer: <c>{"user_id":"…"}</c>.</summary>
internal sealed record MeResponse([property: JsonPropertyName("user_id")] string UserId);

/// <summary>Source-generated serialization of <see cref="MeResponse"/>, the same in both hosts.</summary>
[JsonSerializable(typeof(MeResponse))]
internal sealed partial class MeJsonContext : JsonSerializerContext;
