using System.Text.Json;
using System.Text.Json.Serialization;
using JwtAuth.Audit;
using JwtAuth.Authentication;
using JwtAuth.Endpoints;
using JwtAuth.Problems;
using JwtAuth.Server.Data;
using JwtAuth.Server.Users;
using JwtAuth.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Accounts;

/// <summary>The server's account endpoints: <c>me</c>, <c>register</c> and <c>password/change</c>.</summary>
internal static class AccountEndpoints
{
    /// <summary>Endpoint names, for the rate limits.</summary>
    public const string RegisterName = "ServerRegister";
    public const string PasswordChangeName = "ServerPasswordChange";

    private const string Tag = "Account";

    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api, bool registration)
    {
        var bearer = new AuthorizeAttribute { AuthenticationSchemes = JwtAuthDefaults.AuthenticationScheme };
        // DRF answers HEAD as GET, and OPTIONS on every view (after its permission check).
        api.MapMethods("me/", [HttpMethods.Get, HttpMethods.Head], MeAsync).RequireAuthorization(bearer)
            .WithTags(Tag).WithSummary("The caller's account.")
            .Produces<UserResponse>().ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
        api.MapViewOptions("me/", "Me", HttpMethods.Get, HttpMethods.Head).RequireAuthorization(bearer);
        api.MapPost("password/change/", ChangePasswordAsync).RequireAuthorization(bearer).WithName(PasswordChangeName)
            .WithTags(Tag).WithSummary("Changes the caller's password and ends every other session of the user.")
            .WithDescription("A wrong `old_password` is a 400 field error and counts towards the account's lockout.")
            .AcceptsJwtAuthBody<PasswordChangeRequest>().Produces(StatusCodes.Status204NoContent)
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        api.MapViewOptions("password/change/", "Password Change", HttpMethods.Post).RequireAuthorization(bearer);
        if (registration)
        {
            api.MapPost("register/", RegisterAsync).AllowAnonymous().WithName(RegisterName)
                .WithTags(Tag).WithSummary("Creates an account (a server option, on by default).")
                .WithDescription("A taken user name or a password the policy refuses is a 400 with the reasons in `errors`.")
                .AcceptsJwtAuthBody<RegisterRequest>().Produces<RegisteredResponse>(StatusCodes.Status201Created);
            api.MapViewOptions("register/", "Register", HttpMethods.Post).AllowAnonymous();
        }

        return api;
    }

    /// <summary>
    /// The caller's account: from this node's cache (<see cref="MeCache"/>), or read from the
    /// database and cached when the user is active. Inactive and unknown users are read every time.
    /// </summary>
    private static async Task<IResult> MeAsync(HttpContext http, MeCache cache, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        if (cache.TryGet(userId, out var cached))
        {
            return new JsonBodyResult(cached);
        }

        // Taken before the read: a change heard after this point keeps what is read out of the cache.
        var version = cache.Version(userId);
        var user = await MeQuery.ReadAsync(http.RequestServices.GetRequiredService<ServerDbContext>(), userId, cancellationToken);
        if (user is null)
        {
            return ServerProblems.UserNotFound();
        }

        if (!user.IsActive)
        {
            return ServerProblems.UserInactive();
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(user, json.Value.SerializerOptions);
        cache.Add(userId, version, body);
        return new JsonBodyResult(body);
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, UserAdministration administration, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        var userName = body.RequiredString("username", errors, trim: true);
        var password = body.RequiredString("password", errors);
        var email = body.OptionalString("email", errors);
        if (email is not null && email.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold a NUL: refuse it here, not as a database error.
            errors["email"] = [ServerMessages.Translations.Translate(ServerMessages.InvalidEmail)];
        }

        // Longer than the columns: refused here without a query (the user validator refuses it too).
        if (UserFieldLimits.IsTooLong(userName))
        {
            errors["username"] = [UserFieldLimits.TooLong()];
        }

        if (UserFieldLimits.IsTooLong(email) && !errors.ContainsKey("email"))
        {
            errors["email"] = [UserFieldLimits.TooLong()];
        }

        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        ServerUser? user;
        IdentityResult result;
        try
        {
            (user, result) = await administration.CreateAsync(userName!, password!, email, isAdmin: false);
        }
        catch (Exception exception) when (DuplicateUserName.IsViolation(exception))
        {
            // A concurrent registration of the same name won between Identity's check and the insert.
            result = IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(userName!));
            user = null;
        }

        if (user is null)
        {
            return JwtAuthProblems.Validation(IdentityErrors.ByField(result, "password"));
        }

        return TypedResults.Created($"/api/me/", new RegisteredResponse(user.Id, user.UserName!));
    }

    /// <summary>
    /// Changes the password and ends every other session of the user. A wrong old password counts
    /// towards the account's lockout; while the account is locked the old password is not checked
    /// and the answer is the wrong-password one, as a login answers a locked account.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http,
        UserManager<ServerUser> users,
        IPasswordHasher<ServerUser> hasher,
        LoginFailureRecorder failures,
        UserAdministration administration,
        IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(http.Request, cancellationToken);
        if (body.Error is { } error)
        {
            return error;
        }

        var errors = new Dictionary<string, string[]>();
        var oldPassword = body.RequiredString("old_password", errors);
        var newPassword = body.RequiredString("new_password", errors);
        if (errors.Count > 0)
        {
            return JwtAuthProblems.Validation(errors);
        }

        var user = await users.FindByIdAsync(http.User.GetUserId());
        if (user is null)
        {
            return ServerProblems.UserNotFound();
        }

        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? "", oldPassword!);
            return JwtAuthProblems.Validation(IdentityErrors.ByField(IdentityResult.Failed(users.ErrorDescriber.PasswordMismatch()), "new_password"));
        }

        // The new password and the end of the other sessions commit together; the lockout count is
        // kept apart, so a refused change still counts.
        var result = await administration.ChangePasswordAsync(user.Id, oldPassword!, newPassword!, http.User.GetSessionId(), cancellationToken);
        if (result is null)
        {
            return ServerProblems.UserNotFound();
        }

        if (!result.Succeeded)
        {
            if (result.Errors.Any(failure => failure.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                failures.Record(user.Id, audit.Describe(AuditEventKinds.LoginFailed, user.Id, http.User.GetSessionId(), LoginFailureReasons.WrongOldPassword));
            }

            return JwtAuthProblems.Validation(IdentityErrors.ByField(result, "new_password"));
        }

        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.NoContent();
    }

    private sealed record RegisteredResponse(
        [property: JsonPropertyName("id"), JsonConverter(typeof(UserIdJsonConverter))] string Id,
        [property: JsonPropertyName("username")] string UserName);
}
