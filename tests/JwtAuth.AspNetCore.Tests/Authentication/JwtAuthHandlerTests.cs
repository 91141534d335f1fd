using Microsoft.Extensions.DependencyInjection;
using JwtAuth.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using JwtAuth.Authentication;
using JwtAuth.Revocation;
using JwtAuth.Tests.Tokens;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Authentication;

public sealed class JwtAuthHandlerTests
{
    private const long Now = 1_800_000_000;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearerx TOKEN")]
    [InlineData("JWT TOKEN")]
    public async Task Header_WithoutOurScheme_GivesNoResult(string header)
    {
        var host = new Host();

        var result = await host.AuthenticateAsync(header.Replace("TOKEN", host.Issue(TokenType.Access), StringComparison.Ordinal));

        result.None.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("  Bearer  ")]
    [InlineData("Bearer TOKEN extra")]
    [InlineData("Bearer TOKEN TOKEN")]
    [InlineData("bearer a b c")]
    public async Task Header_WithOurSchemeButNotTwoWords_FailsAsBadHeader(string header)
    {
        var host = new Host();

        var result = await host.AuthenticateAsync(header.Replace("TOKEN", host.Issue(TokenType.Access), StringComparison.Ordinal));

        var failure = result.Failure.ShouldBeOfType<BearerFailure>();
        failure.Code.ShouldBe("bad_authorization_header");
    }

    [Theory]
    [InlineData("Bearer TOKEN")]
    [InlineData("bearer TOKEN")]
    [InlineData("BEARER TOKEN")]
    [InlineData("  Bearer \t TOKEN \r\n")]
    [InlineData("Bearer\u001fTOKEN")]
    [InlineData("Bearer\u00a0TOKEN")]
    [InlineData("Bearer\u2003TOKEN")]
    public async Task Header_SplitLikePython_Authenticates(string header)
    {
        var host = new Host();

        var result = await host.AuthenticateAsync(header.Replace("TOKEN", host.Issue(TokenType.Access), StringComparison.Ordinal));

        result.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Header_WithAnotherConfiguredScheme_Authenticates()
    {
        var host = new Host(o => o.AuthHeaderTypes = ["Bearer", "JWT"]);

        var result = await host.AuthenticateAsync("jwt " + host.Issue(TokenType.Access));

        result.Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("abc", "token_not_valid")]
    [InlineData("refresh", "token_not_valid")]
    [InlineData("huge", "token_not_valid")]
    [InlineData("long", "token_not_valid")]
    public async Task BadOrWrongTypeToken_Fails(string kind, string code)
    {
        var host = new Host();
        var token = kind switch
        {
            "refresh" => host.Issue(TokenType.Refresh),
            "huge" => new string('a', 20_000),
            "long" => host.Issue(TokenType.Access, userId: new string('u', 3000)) + "x",
            _ => kind,
        };

        var result = await host.AuthenticateAsync("Bearer " + token);

        var failure = result.Failure.ShouldBeOfType<BearerFailure>();
        failure.Code.ShouldBe(code);
        failure.TokenFailure.ShouldBe(kind == "refresh" ? TokenFailure.WrongType : TokenFailure.InvalidOrExpired);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task RevokedSession_IsBlacklisted(string algorithm)
    {
        var host = new Host(algorithm);
        var sessionId = Guid.CreateVersion7();
        var token = host.Issue(TokenType.Access, sessionId: sessionId);
        (await host.AuthenticateAsync("Bearer " + token)).Succeeded.ShouldBeTrue();

        host.Registry.Apply(new RevocationEntry(1, RevocationKind.Session, JwtAuthIds.Format(sessionId), 0, Now + 600));

        var failure = (await host.AuthenticateAsync("Bearer " + token)).Failure.ShouldBeOfType<BearerFailure>();
        failure.TokenFailure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task RegistryNotKnown_RefusesEveryBearerToken_UntilItIsKnownAgain(string algorithm)
    {
        // A resource server that fails closed: its registry is known only until the feed's bound.
        var host = new Host(algorithm);
        var token = host.Issue(TokenType.Access);
        var nowMs = host.Time.GetUtcNow().ToUnixTimeMilliseconds();
        host.Registry.KnowUntil(nowMs + 1);
        (await host.AuthenticateAsync("Bearer " + token)).Succeeded.ShouldBeTrue();

        host.Registry.KnowUntil(nowMs);

        var failure = (await host.AuthenticateAsync("Bearer " + token)).Failure.ShouldBeOfType<BearerFailure>();
        failure.TokenFailure.ShouldBe(TokenFailure.RevocationsUnavailable);
        failure.Code.ShouldBe("revocations_unavailable");

        host.Registry.KnowUntil(long.MaxValue);
        (await host.AuthenticateAsync("Bearer " + token)).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(Now - 61, true)]
    [InlineData(Now - 60, false)]
    [InlineData(Now - 59, false)]
    public async Task RevokedUser_RefusesSessionlessTokensIssuedUpToTheCutoffsSecond(long notBefore, bool accepted)
    {
        // A SimpleJWT token has no session: the user's cut-off decides, its own second included.
        var host = new Host();
        var token = host.Issue(TokenType.Access, userId: "ada", sessionId: Guid.Empty);
        host.Registry.Apply(new RevocationEntry(1, RevocationKind.User, "ada", notBefore, Now + 600));

        var result = await host.AuthenticateAsync("Bearer " + token);

        result.Succeeded.ShouldBe(accepted);
    }

    [Fact]
    public async Task RevokedSession_WithRevocationOff_IsAccepted()
    {
        var host = new Host(o => o.RevokeAccessTokensOnLogout = false);
        var sessionId = Guid.CreateVersion7();
        host.Registry.Apply(new RevocationEntry(1, RevocationKind.Session, JwtAuthIds.Format(sessionId), 0, Now + 600));

        (await host.AuthenticateAsync("Bearer " + host.Issue(TokenType.Access, sessionId: sessionId))).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FastPathPrincipal_HasTheClaimsOfTheValidatorPath(bool hostClaims)
    {
        var host = new Host();
        var extra = hostClaims
            ? new Dictionary<string, object?> { ["roles"] = new[] { "admin", "ops" }, ["tenant"] = "t1", ["level"] = 3, ["sub"] = "s" }
            : null;
        var token = host.Issue(TokenType.Sliding, extraClaims: extra);

        var result = await host.AuthenticateAsync("Bearer " + token);

        var check = await host.Tokens.Validator.ValidateAsync(token);
        var expected = JwtAuthClaimsPrincipalFactory.Create(check.Contents!, host.Options, JwtAuthDefaults.AuthenticationScheme);
        result.Succeeded.ShouldBeTrue();
        Describe(result.Principal!).ShouldBe(Describe(expected));
        result.Principal!.FindFirst("tenant")?.Value.ShouldBe(hostClaims ? "t1" : null);
    }

    [Fact]
    public async Task TokenValidatedEvent_CanReject()
    {
        var host = new Host();
        host.SchemeOptions.Events.OnTokenValidated = context =>
        {
            context.Reject("nope");
            return Task.CompletedTask;
        };

        var failure = (await host.AuthenticateAsync("Bearer " + host.Issue(TokenType.Access))).Failure.ShouldBeOfType<BearerFailure>();

        failure.Message.ShouldBe("nope");
    }

    private static List<string> Describe(ClaimsPrincipal principal) =>
        principal.Claims.Select(c => $"{c.Type}={c.Value} ({c.ValueType})").ToList();

    /// <summary>The handler with its collaborators, outside any web host.</summary>
    private sealed class Host
    {
        public Host(Action<JwtAuthOptions>? configure = null)
            : this("HS256", configure)
        {
        }

        public Host(string algorithm, Action<JwtAuthOptions>? configure = null)
        {
            Options = TestOptions.Hs256(o =>
            {
                if (algorithm == "RS256")
                {
                    using var rsa = RSA.Create(2048);
                    (o.Algorithm, o.SigningKey) = ("RS256", rsa.ExportRSAPrivateKeyPem());
                }

                configure?.Invoke(o);
            });
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
            Tokens = new TokenServices(Microsoft.Extensions.Options.Options.Create(Options), Registry, Time, NullLogger<TokenServices>.Instance);
            (Tokens.HmacReader is not null).ShouldBe(algorithm.StartsWith("HS", StringComparison.Ordinal));
        }

        public JwtAuthOptions Options { get; }

        public FakeTimeProvider Time { get; }

        public TokenServices Tokens { get; }

        public RevocationRegistry Registry { get; } = new();

        public JwtAuthMetrics Metrics => new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), Registry);

        public JwtAuthSchemeOptions SchemeOptions { get; } = new();

        public string Issue(TokenType type, string userId = "42", Guid? sessionId = null, IReadOnlyDictionary<string, object?>? extraClaims = null)
        {
            return Tokens.Issuer.Issue(TestTokenRequests.Create(Time.GetUtcNow(), type, userId, extraClaims, sessionId)).Token;
        }

        public async Task<AuthenticateResult> AuthenticateAsync(string authorization)
        {
            var handler = new JwtAuthHandler(
                new StaticOptionsMonitor<JwtAuthSchemeOptions>(SchemeOptions), new BaseHandlerLoggerFactory(NullLoggerFactory.Instance), UrlEncoder.Default, Tokens,
                Microsoft.Extensions.Options.Options.Create(new JwtAuth.Cookies.JwtAuthCookieOptions()), Metrics);
            var context = new DefaultHttpContext();
            context.Request.Headers.Authorization = authorization;
            await handler.InitializeAsync(new AuthenticationScheme(JwtAuthDefaults.AuthenticationScheme, null, typeof(JwtAuthHandler)), context);
            return await handler.AuthenticateAsync();
        }
    }
}
