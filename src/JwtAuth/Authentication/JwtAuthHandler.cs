using System.Text.Encodings.Web;
using JwtAuth.Problems;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Authentication;

/// <summary>
/// Authenticates a request from its bearer token: read the header, validate the token, check the
/// revocation registry, build the principal. No database is touched.
/// </summary>
internal sealed class JwtAuthHandler(
    IOptionsMonitor<JwtAuthOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenServices tokens,
    RevocationRegistry registry)
    : AuthenticationHandler<JwtAuthOptions>(options, logger, encoder)
{
    private static readonly TokenType[] BearerTypes = [TokenType.Access, TokenType.Sliding];

    private new JwtAuthEvents Events => (JwtAuthEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new JwtAuthEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[Options.AuthHeaderName].ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        // Python's str.split(): runs of whitespace separate, leading and trailing whitespace is ignored.
        var parts = header.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !IsAcceptedScheme(parts[0]))
        {
            return AuthenticateResult.NoResult();
        }

        if (parts.Length != 2)
        {
            return AuthenticateResult.Fail(BearerFailure.BadHeader());
        }

        var check = await tokens.Validator.ValidateAsync(parts[1]).ConfigureAwait(false);
        if (!check.IsValid)
        {
            return AuthenticateResult.Fail(BearerFailure.Token(check.Failure));
        }

        var contents = check.Contents!;
        if (Array.IndexOf(BearerTypes, contents.Type) < 0)
        {
            return AuthenticateResult.Fail(BearerFailure.Token(TokenFailure.WrongType));
        }

        if (Options.RevokeAccessTokensOnLogout && registry.IsRevoked(contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return AuthenticateResult.Fail(BearerFailure.Token(TokenFailure.Blacklisted));
        }

        var validated = new TokenValidatedContext(Context, JwtAuthClaimsPrincipalFactory.Create(contents, Options));
        await Events.TokenValidated(validated).ConfigureAwait(false);
        if (validated.RejectionMessage is not null)
        {
            return AuthenticateResult.Fail(BearerFailure.Rejected(validated.RejectionMessage));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        var realm = $"{Options.AuthHeaderTypes[0]} realm=\"{JwtAuthDefaults.Realm}\"";
        if (result.Failure is BearerFailure failure)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] = realm + ", error=\"invalid_token\"";
            var extensions = failure.TokenFailure == TokenFailure.None
                ? null
                : new Dictionary<string, object?> { [JwtAuthProblems.MessagesKey] = Messages(failure.TokenFailure) };
            await JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, failure.Message, failure.Code, extensions)
                .ExecuteAsync(Context).ConfigureAwait(false);
            return;
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = realm;
        await JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, JwtAuthMessages.NotAuthenticated, JwtAuthErrorCodes.NotAuthenticated)
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await JwtAuthProblems.Problem(StatusCodes.Status403Forbidden, "You do not have permission to perform this action.", "permission_denied")
            .ExecuteAsync(Context).ConfigureAwait(false);

    private bool IsAcceptedScheme(string scheme)
    {
        foreach (var accepted in Options.AuthHeaderTypes)
        {
            if (string.Equals(accepted, scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static object[] Messages(TokenFailure failure) =>
        Array.ConvertAll(BearerTypes, type => (object)new Dictionary<string, string>
        {
            ["token_class"] = type.ClassName(),
            ["token_type"] = type.ToClaimValue(),
            ["message"] = failure.Message(),
        });
}
