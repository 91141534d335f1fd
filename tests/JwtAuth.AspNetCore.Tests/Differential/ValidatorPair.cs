using System.Security.Claims;
using JwtAuth.Authentication;
using JwtAuth.Tokens;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// The reference <see cref="TokenValidator"/> and the <see cref="HmacTokenReader"/> of one
/// configuration, at one fixed instant, with what each says about a token.
/// </summary>
internal sealed class ValidatorPair
{
    public const long Now = 1_800_000_000;

    private ValidatorPair(JwtAuthOptions options, JwtAuthOptions? readerOptions)
    {
        Options = options;
        Keys = TokenKeys.Create(options);
        Issuer = new TokenIssuer(options, Keys);
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
        Validator = new TokenValidator(options, Keys, Time);
        Reader = new HmacTokenReader(readerOptions ?? options, Keys);
    }

    public JwtAuthOptions Options { get; }

    public TokenKeys Keys { get; }

    public TokenIssuer Issuer { get; }

    public FakeTimeProvider Time { get; }

    public TokenValidator Validator { get; }

    public HmacTokenReader Reader { get; }

    public byte[] Key => Keys.HmacSecret;

    public int HashBytes => TokenAlgorithms.HashBytes(Keys.Algorithm);

    public static ValidatorPair Create(Action<JwtAuthOptions>? configure = null) => new(TestOptions.Hs256(configure), null);

    /// <summary>A pair whose reader was built from other options: the harness must notice.</summary>
    public static ValidatorPair CreateMismatched(Action<JwtAuthOptions> configure, Action<JwtAuthOptions> configureReader)
    {
        var options = TestOptions.Hs256(configure);
        return new ValidatorPair(options, TestOptions.Hs256(o => { configure(o); configureReader(o); }));
    }

    public string Issue(TokenType type, string userId = "42", IReadOnlyDictionary<string, object?>? extraClaims = null, Guid? sessionId = null)
    {
        return Issuer.Issue(TestTokenRequests.Create(DateTimeOffset.FromUnixTimeSeconds(Now), type, userId, extraClaims, sessionId)).Token;
    }

    public async Task<Verdict> ReferenceAsync(string token)
    {
        var check = await Validator.ValidateAsync(token);
        if (!check.IsValid)
        {
            return new Verdict(check.Failure, null, null);
        }

        var c = check.Contents!;
        var summary = Summary(c.Type, c.TokenId, c.UserId, c.SessionId, c.ExpiresAt, c.IssuedAt, c.RefreshExpiresAt);
        return new Verdict(TokenFailure.None, summary, Claims(JwtAuthClaimsPrincipalFactory.Create(c, Options, JwtAuthDefaults.AuthenticationScheme)));
    }

    public Verdict Fast(string token)
    {
        var text = new char[token.Length];
        var failure = Reader.Read(token, Now, text, out var claims);
        if (failure != TokenFailure.None)
        {
            return new Verdict(failure, null, null);
        }

        var tokenId = new string(text[claims.TokenId]);
        var userId = new string(text[claims.UserId]);
        var summary = Summary(claims.Type, tokenId, userId, claims.SessionId, claims.ExpiresAt, claims.IssuedAt, claims.RefreshExpiresAt);
        var principal = JwtAuthClaimsPrincipalFactory.Create(
            claims.Type, tokenId, userId, claims.SessionId, claims.HasHostClaims ? new JsonWebToken(token) : null, Options, JwtAuthDefaults.AuthenticationScheme);
        return new Verdict(TokenFailure.None, summary, Claims(principal));
    }

    /// <summary>What the token endpoints' check (<see cref="HmacTokenReader.Check"/>) says: verdict and contents.</summary>
    public string Checked(string token)
    {
        var check = Reader.Check(token, Now);
        var c = check.Contents;
        return c is null ? $"{check.Failure}" : $"{check.Failure} {Summary(c.Type, c.TokenId, c.UserId, c.SessionId, c.ExpiresAt, c.IssuedAt, c.RefreshExpiresAt)}";
    }

    /// <summary>What the reference says, in the form of <see cref="Checked"/>.</summary>
    public async Task<string> ReferenceCheckedAsync(string token)
    {
        var verdict = await ReferenceAsync(token);
        return verdict.Summary is null ? $"{verdict.Failure}" : $"{verdict.Failure} {verdict.Summary}";
    }

    /// <summary>Null when both agree (verdict, failure, claims and principal); otherwise what differs.</summary>
    public async Task<string?> DisagreementAsync(string token)
    {
        Verdict expected, actual;
        try
        {
            expected = await ReferenceAsync(token);
        }
        catch (Exception ex)
        {
            return $"reference threw {ex.GetType().Name}: {ex.Message}";
        }

        try
        {
            actual = Fast(token);
        }
        catch (Exception ex)
        {
            return $"reader threw {ex.GetType().Name}: {ex.Message} (reference: {expected.Failure})";
        }

        return expected.Failure == actual.Failure && expected.Summary == actual.Summary && SameClaims(expected.Claims, actual.Claims)
            ? null
            : $"reference {expected.Failure} {expected.Summary} [{Join(expected.Claims)}] / reader {actual.Failure} {actual.Summary} [{Join(actual.Claims)}]";
    }

    private static string Summary(TokenType type, string tokenId, string userId, Guid sessionId, long exp, long iat, long refreshExp) =>
        $"{type}|{tokenId}|{userId}|{sessionId:N}|{exp}|{iat}|{refreshExp}";

    private static List<string> Claims(ClaimsPrincipal principal) =>
        principal.Claims.Select(c => $"{c.Type}={c.Value} ({c.ValueType})").ToList();

    private static bool SameClaims(List<string>? a, List<string>? b) =>
        a is null ? b is null : b is not null && a.SequenceEqual(b);

    private static string Join(List<string>? claims) => claims is null ? "" : string.Join("; ", claims);
}
