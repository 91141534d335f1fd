using JwtAuth.Sessions;
using JwtAuth.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.Configuration;

/// <summary>
/// Stops start-up when a piece JwtAuth needs was not added, naming the builder method that adds
/// it, instead of a dependency-injection error at the first login.
/// </summary>
internal sealed class JwtAuthRegistrationValidator(IServiceProviderIsService services) : IValidateOptions<JwtAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtAuthOptions options)
    {
        var errors = new List<string>();
        if (!services.IsService(typeof(IJwtAuthUserService)))
        {
            errors.Add("JwtAuth has no user service: call .UseUsers<TService>() on the builder AddJwtAuth() returns, "
                + "with a class implementing IJwtAuthUserService over your user database.");
        }

        if (!services.IsService(typeof(ISessionStore)))
        {
            errors.Add("JwtAuth has no session store: call .UseEntityFrameworkCore<TContext>() on the builder AddJwtAuth() returns "
                + "(package JwtAuth.EntityFrameworkCore), or .UseSessionStore<TStore>() for a store of your own.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
