using System.Buffers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using JwtAuth.Cookies;
using JwtAuth.Diagnostics;
using JwtAuth.Problems;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Authentication;

/// <summary>
/// Authenticates a request from its bearer token: read the header (or, in cookie mode and without
/// a header, the access cookie), validate the token, check the revocation registry, build the
/// principal. No database is touched. Every setting comes from the one snapshot in
/// <see cref="TokenServices"/>.
/// </summary>
internal sealed class JwtAuthHandler(
    IOptionsMonitor<JwtAuthSchemeOptions> options,
    BaseHandlerLoggerFactory logger,
    UrlEncoder encoder,
    TokenServices tokens,
    IOptions<JwtAuthCookieOptions> cookies,
    JwtAuthMetrics metrics)
    : AuthenticationHandler<JwtAuthSchemeOptions>(options, logger, encoder)
{
    private const int StackTextChars = 512;

    private static readonly TokenType[] BearerTypes = [TokenType.Access, TokenType.Sliding];

    private new JwtAuthEvents Events => (JwtAuthEvents)base.Events!;

    private JwtAuthOptions Settings => tokens.Options;

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new JwtAuthEvents());

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Events.ListensToMessageReceived ? AuthenticateAfterMessageReceivedAsync() : AuthenticateHeader();

    private async Task<AuthenticateResult> AuthenticateAfterMessageReceivedAsync()
    {
        var received = new MessageReceivedContext(Context, Scheme, Options);
        await Events.MessageReceived(received).ConfigureAwait(false);
        if (received.Result is not null)
        {
            return received.Result;
        }

        return string.IsNullOrEmpty(received.Token)
            ? await AuthenticateHeader().ConfigureAwait(false)
            : await AuthenticateToken(received.Token, Range.All).ConfigureAwait(false);
    }

    private Task<AuthenticateResult> AuthenticateHeader()
    {
        var header = Request.Headers[Settings.AuthHeaderName].ToString();
        var words = SplitWords(header, out var scheme, out var credentials);
        if (words == 0 && cookies.Value.Enabled)
        {
            return AuthenticateCookie(cookies.Value);
        }

        if (words == 0 || !IsAcceptedScheme(header.AsSpan(scheme)))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return words == 2 ? AuthenticateToken(header, credentials) : FailAsync(BearerFailure.BadHeader());
    }

    // The cookie is read only without an Authorization header: a bearer header always wins, and
    // requests that carry one are never subject to the CSRF check.
    private Task<AuthenticateResult> AuthenticateCookie(JwtAuthCookieOptions settings)
    {
        if (!Request.Cookies.TryGetValue(settings.AccessCookieName, out var cookie) || cookie.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return TokenCookies.CsrfRefusal(Context, settings) is { } refusal
            ? FailAsync(BearerFailure.Csrf(refusal))
            : AuthenticateToken(cookie, Range.All);
    }

    /// <summary>Validates the token at <paramref name="range"/> of <paramref name="source"/>.</summary>
    private Task<AuthenticateResult> AuthenticateToken(string source, Range range) =>
        tokens.HmacReader is { } reader
            ? AuthenticateHmac(reader, source, range)
            : AuthenticateWithValidatorAsync(source[range]);

    // HMAC tokens are validated and checked against the registry without allocating; strings are
    // made only for the principal of a token that passed.
    private Task<AuthenticateResult> AuthenticateHmac(HmacTokenReader reader, string source, Range range)
    {
        var token = source.AsSpan(range);
        char[]? rented = null;
        // The reader refuses an over-long token before it looks at the buffer.
        var text = token.Length <= StackTextChars ? stackalloc char[token.Length]
            : token.Length <= Settings.MaxTokenLength ? (rented = ArrayPool<char>.Shared.Rent(token.Length))
            : default;
        try
        {
            var now = tokens.Time.GetUtcNow();
            var failure = reader.Read(token, now.ToUnixTimeSeconds(), text, out var claims);
            if (failure != TokenFailure.None)
            {
                return FailAsync(BearerFailure.Token(failure));
            }

            if (Array.IndexOf(BearerTypes, claims.Type) < 0)
            {
                return FailAsync(BearerFailure.Token(TokenFailure.WrongType));
            }

            if (!tokens.RevocationsKnownAt(now))
            {
                return FailAsync(BearerFailure.Token(TokenFailure.RevocationsUnavailable));
            }

            if (tokens.IsRevoked(claims.Type, claims.SessionId, text[claims.UserId], claims.IssuedAt))
            {
                return FailAsync(BearerFailure.Token(TokenFailure.Blacklisted));
            }

            // A host's own claims are read by JsonWebToken, as on the validator's path.
            var principal = JwtAuthClaimsPrincipalFactory.Create(
                claims.Type,
                new string(text[claims.TokenId]),
                new string(text[claims.UserId]),
                claims.SessionId,
                claims.HasHostClaims ? new JsonWebToken(source[range]) : null,
                Settings,
                Scheme.Name);
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
            return await FailAsync(BearerFailure.Token(check.Failure)).ConfigureAwait(false);
        }

        var contents = check.Contents!;
        if (Array.IndexOf(BearerTypes, contents.Type) < 0)
        {
            return await FailAsync(BearerFailure.Token(TokenFailure.WrongType)).ConfigureAwait(false);
        }

        if (!tokens.RevocationsKnownAt(tokens.Time.GetUtcNow()))
        {
            return await FailAsync(BearerFailure.Token(TokenFailure.RevocationsUnavailable)).ConfigureAwait(false);
        }

        if (tokens.IsRevoked(contents.Type, contents.SessionId, contents.UserId, contents.IssuedAt))
        {
            return await FailAsync(BearerFailure.Token(TokenFailure.Blacklisted)).ConfigureAwait(false);
        }

        return await ValidatedAsync(JwtAuthClaimsPrincipalFactory.Create(contents, Settings, Scheme.Name)).ConfigureAwait(false);
    }

    private async Task<AuthenticateResult> ValidatedAsync(ClaimsPrincipal principal)
    {
        var validated = new TokenValidatedContext(Context, Scheme, Options) { Principal = principal };
        await Events.TokenValidated(validated).ConfigureAwait(false);
        if (validated.RejectionMessage is not null)
        {
            return await FailAsync(BearerFailure.Rejected(validated.RejectionMessage)).ConfigureAwait(false);
        }

        if (validated.Result is not null)
        {
            return validated.Result;
        }

        validated.Success();
        return validated.Result!;
    }

    private async Task<AuthenticateResult> FailAsync(BearerFailure failure)
    {
        Logger.TokenRefused(Scheme.Name, failure.Message, failure.Code);
        if (failure.TokenFailure == TokenFailure.None)
        {
            metrics.Rejected(failure.Code);
        }
        else
        {
            metrics.Rejected(failure.TokenFailure);
        }

        var failed = new AuthenticationFailedContext(Context, Scheme, Options, failure, failure.TokenFailure);
        await Events.AuthenticationFailed(failed).ConfigureAwait(false);
        return failed.Result ?? AuthenticateResult.Fail(failure);
    }

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
        var challenge = new JwtAuthChallengeContext(Context, Scheme, Options, properties) { AuthenticateFailure = result.Failure };
        await Events.Challenge(challenge).ConfigureAwait(false);
        if (challenge.Handled)
        {
            return;
        }

        if (result.Failure is BearerFailure { IsCsrf: true } csrf)
        {
            await JwtAuthProblems.Problem(StatusCodes.Status403Forbidden, csrf.Message, csrf.Code).ExecuteAsync(Context).ConfigureAwait(false);
            return;
        }

        var realm = BearerChallenge.Of(Settings);
        if (result.Failure is not null)
        {
            Response.Headers[HeaderNames.WWWAuthenticate] = realm + ", error=\"invalid_token\"";
            var failure = result.Failure as BearerFailure ?? BearerFailure.Rejected(result.Failure.Message);
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

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var forbidden = new ForbiddenContext(Context, Scheme, Options, properties);
        await Events.Forbidden(forbidden).ConfigureAwait(false);
        if (forbidden.Handled)
        {
            return;
        }

        await JwtAuthProblems.Forbidden().ExecuteAsync(Context).ConfigureAwait(false);
    }

    private bool IsAcceptedScheme(ReadOnlySpan<char> scheme)
    {
        var accepted = Settings.AuthHeaderTypes;
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
            ["message"] = JwtAuthMessages.Translations.Translate(failure.Message()),
        });
}
