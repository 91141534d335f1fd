using System.Text.Json.Serialization;
using JwtAuth.Authentication;
using JwtAuth.Problems;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Server.Users;
using JwtAuth.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Admin;

/// <summary>
/// The admin page (<c>/admin/</c>) and the staff-only API it drives: users, their sessions,
/// disable/enable, end sessions, delete. Staff rights are read from the database on every call,
/// so revoking them takes effect at once.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/", () => AdminPage.Html()).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/admin/admin.js", () => AdminPage.Script()).AllowAnonymous().ExcludeFromDescription();

        var admin = endpoints.MapGroup("/api/admin")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtAuthDefaults.AuthenticationScheme })
            .AddEndpointFilter(RequireStaffAsync);
        admin.MapGet("users/", ListUsersAsync);
        admin.MapGet("users/{id}/sessions/", ListSessionsAsync);
        admin.MapPost("users/{id}/disable/", (string id, UserManager<ServerUser> users, UserAdministration administration, CancellationToken ct) =>
            SetActiveAsync(id, active: false, users, administration, ct));
        admin.MapPost("users/{id}/enable/", (string id, UserManager<ServerUser> users, UserAdministration administration, CancellationToken ct) =>
            SetActiveAsync(id, active: true, users, administration, ct));
        admin.MapPost("users/{id}/logout/", EndSessionsAsync);
        admin.MapDelete("users/{id}/", DeleteAsync);
        return endpoints;
    }

    private static async ValueTask<object?> RequireStaffAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var users = http.RequestServices.GetRequiredService<UserManager<ServerUser>>();
        var caller = await users.FindByIdAsync(http.User.GetUserId());
        if (caller is not { IsAdmin: true, IsActive: true })
        {
            return JwtAuthProblems.Forbidden();
        }

        return await next(context);
    }

    private static async Task<IResult> ListUsersAsync(ServerDbContext db, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Take(1000).ToListAsync(cancellationToken);
        var active = await sessions.CountActiveAsync(users.ConvertAll(u => u.Id), cancellationToken);
        return TypedResults.Ok(users.Select(u => UserResponse.From(u, active.GetValueOrDefault(u.Id))).ToArray());
    }

    private static async Task<IResult> ListSessionsAsync(string id, UserManager<ServerUser> users, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is null)
        {
            return NotFound();
        }

        var list = await sessions.ListAsync(id, cancellationToken);
        return TypedResults.Ok(list.Select(s => new AdminSessionResponse(
            JwtAuth.Tokens.JwtAuthIds.Format(s.Id), s.CreatedAt, s.LastUsedAt, s.EndsAt, s.UserAgent, s.IpAddress, s.SignInMethod)).ToArray());
    }

    private static async Task<IResult> SetActiveAsync(string id, bool active, UserManager<ServerUser> users, UserAdministration administration, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        return Answer(await administration.SetActiveAsync(user.UserName!, active, cancellationToken));
    }

    private static async Task<IResult> EndSessionsAsync(string id, UserManager<ServerUser> users, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is null)
        {
            return NotFound();
        }

        await sessions.EndAllSessionsAsync(id, SessionEndReasons.Administrator, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, UserManager<ServerUser> users, UserAdministration administration, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        if (user.Id == http.User.GetUserId())
        {
            return JwtAuthProblems.Problem(StatusCodes.Status400BadRequest, "An administrator cannot delete their own account here.", JwtAuthErrorCodes.Invalid);
        }

        return Answer(await administration.DeleteAsync(user.UserName!, cancellationToken));
    }

    /// <summary>204 when the change happened; 404 when the user is gone; 400 with Identity's reasons when it was refused (nothing changed).</summary>
    private static IResult Answer(IdentityResult? result) =>
        result is null ? NotFound()
        : result.Succeeded ? TypedResults.NoContent()
        : JwtAuthProblems.Validation(IdentityErrors.ByField(result, "password"));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() =>
        JwtAuthProblems.Problem(StatusCodes.Status404NotFound, "User not found.", JwtAuthErrorCodes.NotFound);

    private sealed record AdminSessionResponse(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("last_used_at")] DateTimeOffset LastUsedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("user_agent")] string? UserAgent,
        [property: JsonPropertyName("ip_address")] string? IpAddress,
        [property: JsonPropertyName("sign_in_method")] string? SignInMethod);
}
