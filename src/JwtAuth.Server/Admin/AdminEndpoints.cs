using System.Globalization;
using System.Text.Json.Serialization;
using JwtAuth.Audit;
using JwtAuth.Authentication;
using JwtAuth.Problems;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Server.Hosting;
using JwtAuth.Server.Users;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Admin;

/// <summary>
/// The admin page (<c>/admin/</c>) and the staff-only API it drives: users (searched and paged),
/// their sessions and refresh tokens (outstanding and blacklisted, as SimpleJWT's admin shows
/// them), disable/enable, end one session or all, delete, and the audit trail. Staff rights are read from the database on every call,
/// so revoking them takes effect at once.
/// </summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var html = EmbeddedPage.Load("Admin.admin.html");
        var script = EmbeddedPage.Load("Admin.admin.js");
        endpoints.MapGet("/admin/", () => html).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/admin/admin.js", () => script).AllowAnonymous().ExcludeFromDescription();

        var admin = endpoints.MapGroup("/api/admin")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtAuthDefaults.AuthenticationScheme })
            .AddEndpointFilter(RequireStaffAsync)
            .WithTags("Admin")
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status503ServiceUnavailable);
        admin.MapGet("users/", ListUsersAsync)
            .WithSummary("Users by user name (staff only); `search` matches part of the user name or email, in any case.")
            .ProducesPage<UserResponse>();
        admin.MapGet("users/{id}/sessions/", ListSessionsAsync)
            .WithSummary("The user's active sessions.")
            .ProducesPage<AdminSessionResponse>();
        admin.MapDelete("users/{id}/sessions/{sessionId}/", EndSessionAsync)
            .WithSummary("Ends one session of the user.")
            .Produces(StatusCodes.Status204NoContent);
        admin.MapGet("users/{id}/tokens/", ListTokensAsync)
            .WithSummary("The user's refresh tokens, newest first: SimpleJWT's outstanding tokens with their blacklist entries.")
            .ProducesPage<AdminTokenResponse>();
        admin.MapPost("users/{id}/disable/", (string id, UserManager<ServerUser> users, UserAdministration administration, CancellationToken ct) =>
                SetActiveAsync(id, active: false, users, administration, ct))
            .WithSummary("Disables the user: every session ends, no new one opens.")
            .Produces(StatusCodes.Status204NoContent).ProducesJwtAuthProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("users/{id}/enable/", (string id, UserManager<ServerUser> users, UserAdministration administration, CancellationToken ct) =>
                SetActiveAsync(id, active: true, users, administration, ct))
            .WithSummary("Enables the user again.")
            .Produces(StatusCodes.Status204NoContent).ProducesJwtAuthProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("users/{id}/logout/", EndSessionsAsync)
            .WithSummary("Ends every session of the user.")
            .Produces(StatusCodes.Status204NoContent);
        admin.MapDelete("users/{id}/", DeleteAsync)
            .WithSummary("Deletes the user and ends their sessions; not the caller's own account (400).")
            .Produces(StatusCodes.Status204NoContent).ProducesJwtAuthProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("audit/", ListAuditAsync)
            .WithSummary("The audit trail, newest first, filtered by user, kind, session and time (`from` inclusive, `to` exclusive).")
            .ProducesPage<AdminAuditEventResponse>().ProducesJwtAuthProblem(StatusCodes.Status400BadRequest);
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

    /// <summary>Users by user name; <c>?search=</c> matches part of the user name or email, in any case.</summary>
    private static async Task<IResult> ListUsersAsync(HttpRequest request, string? search, ServerDbContext db, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (AdminPagination.From(request) is not { } page)
        {
            return AdminPagination.InvalidPage();
        }

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Identity keeps upper-cased copies: a case-insensitive match on every provider.
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(term) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(term)));
        }

        var count = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.UserName).ThenBy(u => u.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(cancellationToken);
        var active = await sessions.CountActiveAsync(users.ConvertAll(u => u.Id), cancellationToken);
        return page.Answer(request, count, users.ConvertAll(u => UserResponse.From(u, active.GetValueOrDefault(u.Id))));
    }

    private static async Task<IResult> ListSessionsAsync(string id, HttpRequest request, UserManager<ServerUser> users, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (AdminPagination.From(request) is not { } page)
        {
            return AdminPagination.InvalidPage();
        }

        if (await users.FindByIdAsync(id) is null)
        {
            return NotFound();
        }

        var list = await sessions.ListAsync(id, cancellationToken);
        return page.Answer(request, list.Count, list.Skip(page.Skip).Take(page.PageSize).Select(s => new AdminSessionResponse(
            JwtAuthIds.Format(s.Id), s.CreatedAt, s.LastUsedAt, s.EndsAt, s.UserAgent, s.IpAddress, s.SignInMethod)).ToList());
    }

    private static async Task<IResult> EndSessionAsync(string id, string sessionId, UserManager<ServerUser> users, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is null)
        {
            return NotFound();
        }

        return JwtAuthIds.TryParse(sessionId, out var session) && await sessions.EndSessionAsync(id, session, SessionEndReasons.Administrator, cancellationToken)
            ? TypedResults.NoContent()
            : JwtAuthProblems.Problem(StatusCodes.Status404NotFound, JwtAuthMessages.SessionNotFound, JwtAuthErrorCodes.NotFound);
    }

    /// <summary>The user's refresh tokens, newest first: SimpleJWT's outstanding tokens with their blacklist entries.</summary>
    private static async Task<IResult> ListTokensAsync(string id, HttpRequest request, UserManager<ServerUser> users, IJwtAuthSessions sessions, CancellationToken cancellationToken)
    {
        if (AdminPagination.From(request) is not { } page)
        {
            return AdminPagination.InvalidPage();
        }

        if (await users.FindByIdAsync(id) is null)
        {
            return NotFound();
        }

        var tokens = await sessions.ListRefreshTokensAsync(id, page.Skip, page.PageSize, cancellationToken);
        return page.Answer(request, tokens.Total, tokens.Tokens.Select(t => new AdminTokenResponse(
            JwtAuthIds.Format(t.Id), JwtAuthIds.Format(t.SessionId), t.IssuedAt, t.ExpiresAt, t.BlacklistedAt, t.BlacklistReason)).ToList());
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
            return JwtAuthProblems.Problem(StatusCodes.Status400BadRequest, ServerMessages.Translations.Translate(ServerMessages.AdminCannotDeleteSelf), JwtAuthErrorCodes.Invalid);
        }

        return Answer(await administration.DeleteAsync(user.UserName!, cancellationToken));
    }

    /// <summary>
    /// Audit events, newest first: <c>?user=</c>, <c>?kind=</c>, <c>?session=</c> match exactly,
    /// <c>?from=</c> (inclusive) and <c>?to=</c> (exclusive) take ISO 8601 times; a value that
    /// cannot be read answers 400 with the field's error.
    /// </summary>
    private static async Task<IResult> ListAuditAsync(HttpRequest request, IAuditEventStore audit, CancellationToken cancellationToken)
    {
        if (AdminPagination.From(request) is not { } page)
        {
            return AdminPagination.InvalidPage();
        }

        var errors = new Dictionary<string, string[]>();
        var query = new AuditQuery
        {
            UserId = Filter(request, "user"),
            Kind = Filter(request, "kind"),
            SessionId = Filter(request, "session") is { } session
                ? JwtAuthIds.TryParse(session, out var sessionId) ? sessionId : Invalid<Guid?>(errors, "session", JwtAuthMessages.SessionIdInvalid)
                : null,
            From = Time(request, "from", errors),
            To = Time(request, "to", errors),
        };
        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        var events = await audit.ListAsync(query, page.Skip, page.PageSize, cancellationToken);
        return page.Answer(request, events.Total, events.Events.Select(e => new AdminAuditEventResponse(
            e.Id, e.Kind, e.OccurredAt, e.UserId, e.SessionId is { } id ? JwtAuthIds.Format(id) : null, e.ActorId, e.IpAddress, e.UserAgent, e.Detail)).ToList());
    }

    private static string? Filter(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static DateTimeOffset? Time(HttpRequest request, string name, Dictionary<string, string[]> errors) =>
        Filter(request, name) is not { } text ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : Invalid<DateTimeOffset?>(errors, name, JwtAuthMessages.DateTimeWrongFormat);

    private static T? Invalid<T>(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return default;
    }

    /// <summary>204 when the change happened; 404 when the user is gone; 400 with Identity's reasons when it was refused (nothing changed).</summary>
    private static IResult Answer(IdentityResult? result) =>
        result is null ? NotFound()
        : result.Succeeded ? TypedResults.NoContent()
        : JwtAuthProblems.Validation(IdentityErrors.ByField(result, "password"));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() =>
        JwtAuthProblems.Problem(StatusCodes.Status404NotFound, ServerMessages.Translations.Translate(ServerMessages.AdminUserNotFound), JwtAuthErrorCodes.NotFound);

    private sealed record AdminSessionResponse(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("last_used_at")] DateTimeOffset LastUsedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("user_agent")] string? UserAgent,
        [property: JsonPropertyName("ip_address")] string? IpAddress,
        [property: JsonPropertyName("sign_in_method")] string? SignInMethod);

    private sealed record AdminAuditEventResponse(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt,
        [property: JsonPropertyName("user"), JsonConverter(typeof(UserIdJsonConverter))] string? User,
        [property: JsonPropertyName("session")] string? Session,
        [property: JsonPropertyName("actor"), JsonConverter(typeof(UserIdJsonConverter))] string? Actor,
        [property: JsonPropertyName("ip_address")] string? IpAddress,
        [property: JsonPropertyName("user_agent")] string? UserAgent,
        [property: JsonPropertyName("detail")] string? Detail);

    private sealed record AdminTokenResponse(
        [property: JsonPropertyName("jti")] string Jti,
        [property: JsonPropertyName("session")] string Session,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
        [property: JsonPropertyName("blacklisted_at")] DateTimeOffset? BlacklistedAt,
        [property: JsonPropertyName("blacklist_reason")] string? BlacklistReason);
}
