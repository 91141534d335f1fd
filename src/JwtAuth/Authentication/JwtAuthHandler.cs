using System.Buffers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using JwtAuth.Problems;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
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
    private const int StackTextChars = 512;

    private static readonly TokenType[] BearerTypes = [TokenType.Access, TokenType.Sliding];

    private new JwtAuthEvents Events => (JwtAuthEvents)base.Events!;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new JwtAuthEvents());

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers[Options.AuthHeaderName].ToString();
        var words = SplitWords(header, out var scheme, out var credentials);
        if (words == 0 || !IsAcceptedScheme(header.AsSpan(scheme)))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (words != 2)
        {
            return Failed(BearerFailure.BadHeader());
        }

        return tokens.HmacReader is { } reader
            ? AuthenticateHmac(reader, header, credentials)
            : AuthenticateWithValidatorAsync(header[credentials]);
    }

    // HMAC tokens are validated and checked against the registry without allocating; strings are
    // made only for the principal of a token that passed.
    private Task<AuthenticateResult> AuthenticateHmac(HmacTokenReader reader, string header, Range credentials)
    {
        var token = header.AsSpan(credentials);
        char[]? rented = null;
        // The reader refuses an over-long token before it looks at the buffer.
        var text = token.Length <= StackTextChars ? stackalloc char[token.Length]
            : token.Length <= Options.MaxTokenLength ? (rented = ArrayPool<char>.Shared.Rent(token.Length))
            : default;
        try
        {
            var failure = reader.Read(token, tokens.Time.GetUtcNow().ToUnixTimeSeconds(), text, out var claims);
            if (failure != TokenFailure.None)
            {
                return Failed(BearerFailure.Token(failure));
            }

            if (Array.IndexOf(BearerTypes, claims.Type) < 0)
            {
                return Failed(BearerFailure.Token(TokenFailure.WrongType));
            }

            if (Options.RevokeAccessTokensOnLogout && registry.IsRevoked(claims.SessionId, text[claims.UserId], claims.IssuedAt))
            {
                return Failed(BearerFailure.Token(TokenFailure.Blacklisted));
            }

            // A host's own claims are read by JsonWebToken, as on the validator's path.
            var principal = JwtAuthClaimsPrincipalFactory.Create(
                claims.Type,
                new string(text[claims.TokenId]),
                new string(text[claims.UserId]),
                claims.SessionId,
                claims.HasHostClaims ? new JsonWebToken(header[credentials]) : null,
                Options);
            return ValidatedAsync(principal);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private async Task<AuthenticateResult> AuthenticateWithValidatorAsync(string token)
    {
        var check = await tokens.Validator.ValidateAsync(token).ConfigureAwait(false);
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

        return await ValidatedAsync(JwtAuthClaimsPrincipalFactory.Create(contents, Options)).ConfigureAwait(false);
    }

    private async Task<AuthenticateResult> ValidatedAsync(ClaimsPrincipal principal)
    {
        var validated = new TokenValidatedContext(Context, principal);
        await Events.TokenValidated(validated).ConfigureAwait(false);
        if (validated.RejectionMessage is not null)
        {
            return AuthenticateResult.Fail(BearerFailure.Rejected(validated.RejectionMessage));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, Scheme.Name));
    }

    private static Task<AuthenticateResult> Failed(BearerFailure failure) => Task.FromResult(AuthenticateResult.Fail(failure));

    /// <summary>
    /// Python's <c>str.split()</c>: runs of whitespace separate words, leading and trailing whitespace
    /// is ignored. Returns how many words there are, counting at most three, and where the first two are.
    /// </summary>
    internal static int SplitWords(ReadOnlySpan<char> header, out Range first, out Range second)
    {
        first = default;
        second = default;
        var count = 0;
        var i = 0;
        while (count < 3)
        {
            while (i < header.Length && IsPythonWhitespace(header[i]))
            {
                i++;
            }

            if (i == header.Length)
            {
                break;
            }

            var start = i;
            while (i < header.Length && !IsPythonWhitespace(header[i]))
            {
                i++;
            }

            if (count == 0)
            {
                first = start..i;
            }
            else if (count == 1)
            {
                second = start..i;
            }

            count++;
        }

        return count;
    }

    // str.isspace() also counts the separators U+001C to U+001F, which char.IsWhiteSpace does not.
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

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

    private bool IsAcceptedScheme(ReadOnlySpan<char> scheme)
    {
        var accepted = Options.AuthHeaderTypes;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (scheme.Equals(accepted[i], StringComparison.OrdinalIgnoreCase))
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
