using JwtAuth.Endpoints;
using JwtAuth.Problems;
using JwtAuth.Server.Data;
using JwtAuth.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using JwtAuth.Server.Problems;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// User names and emails fit their columns (256 characters, Identity's model): a longer one is the
/// client's mistake, a 400 naming the field, on every database. PostgreSQL would refuse the row
/// (<c>varchar(256)</c>) and SQLite would store it; neither is an answer. Counted in characters as
/// PostgreSQL counts them (Unicode code points).
/// </summary>
internal sealed class UserFieldLimits : IUserValidator<ServerUser>
{
    public const int MaxLength = 256;

    /// <summary>DRF's text for a <c>CharField(max_length=256)</c>, in the request's language.</summary>
    public static string TooLong() => ServerMessages.Translations.Format(ServerMessages.FieldTooLong, MaxLength);

    public const string UserNameTooLongCode = "UserNameTooLong";
    public const string EmailTooLongCode = "EmailTooLong";

    public static bool IsTooLong(string? value) =>
        value is not null && value.Length > MaxLength && value.EnumerateRunes().Count() > MaxLength;

    /// <summary>Runs wherever a user is created or changed through Identity: registration, the CLI, the admin tools.</summary>
    public Task<IdentityResult> ValidateAsync(UserManager<ServerUser> manager, ServerUser user)
    {
        var errors = new List<IdentityError>();
        if (IsTooLong(user.UserName))
        {
            errors.Add(new IdentityError { Code = UserNameTooLongCode, Description = $"The user name is too long: at most {MaxLength} characters." });
        }

        if (IsTooLong(user.Email))
        {
            errors.Add(new IdentityError { Code = EmailTooLongCode, Description = $"The email address is too long: at most {MaxLength} characters." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>
    /// The login endpoints belong to the library, which has no such limit: this convention on the API group
    /// answers a login with an over-long user name 400 before the endpoint runs, as registration does.
    /// Only the login endpoints get the filter, so no other call pays an extra frame for it.
    /// </summary>
    public static void AddLoginFilter(IEndpointConventionBuilder api) =>
        // The factory runs once the endpoint's conventions are applied, so its name is known by then.
        api.Add(endpoint => endpoint.FilterFactories.Add((_, next) =>
            endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName is JwtAuthEndpointNames.Obtain or JwtAuthEndpointNames.ObtainSliding
                ? context => LoginFilterAsync(context, next)
                : next));

    private static async ValueTask<object?> LoginFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsTooLong((await PeekedRequestBody.ReadAsync(context.HttpContext).ConfigureAwait(false)).String("username")?.Trim()))
        {
            return JwtAuthProblems.Validation(new Dictionary<string, string[]> { ["username"] = [TooLong()] });
        }

        return await next(context).ConfigureAwait(false);
    }
}
