using JwtAuth.Tokens;
using Xunit.Abstractions;

namespace JwtAuth.Tests.Tokens;

/// <summary>
/// The fast reader against the reference validator on a fixed-seed corpus of mutated tokens: the
/// same verdict, the same <see cref="TokenFailure"/>, the same claims and principal, every time.
/// </summary>
public sealed class HmacTokenReaderDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 20_251_122;
    private const string LongKey = "test-signing-key-0123456789abcdef0123456789abcdef0123456789abcdef-long";

    public static TheoryData<string> Configurations => new()
    {
        "HS256", "HS384", "HS512", "HS256 audience issuer leeway", "HS256 custom claim names", "HS512 sub as user id, leeway",
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Reader_OnMutatedTokens_AgreesWithTokenValidator(string configuration)
    {
        var pair = ValidatorPair.Create(Configure(configuration));
        var corpus = new TokenCorpus(pair, Seed).Generate();

        var (disagreements, seen) = await CompareAsync(pair, corpus);

        output.WriteLine($"{configuration}: {corpus.Count} tokens; " + string.Join(", ", seen.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        corpus.Count.ShouldBeGreaterThan(5000);
        disagreements.ShouldBeEmpty($"{disagreements.Count} of {corpus.Count} tokens:\n" + string.Join("\n", disagreements.Take(40)));

        // The corpus reaches every verdict the validators can give, so agreement means something.
        foreach (var failure in new[]
        {
            TokenFailure.None, TokenFailure.InvalidOrExpired, TokenFailure.NoExp, TokenFailure.NoId,
            TokenFailure.NoType, TokenFailure.WrongType, TokenFailure.NoUserId,
        })
        {
            seen.ShouldContainKey(failure);
        }

        seen[TokenFailure.None].ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Harness_WithReaderOfOtherLeeway_ReportsDisagreements()
    {
        // The comparison must be able to fail: a reader that allows 10 s more clock skew than the
        // reference is caught by the boundary-time tokens.
        var pair = ValidatorPair.CreateMismatched(o => o.Leeway = TimeSpan.FromSeconds(5), o => o.Leeway = TimeSpan.FromSeconds(15));
        var corpus = new TokenCorpus(pair, Seed).Generate();

        var (disagreements, _) = await CompareAsync(pair, corpus);

        disagreements.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Harness_WithReaderOfOtherUserIdClaim_ReportsDisagreements()
    {
        var pair = ValidatorPair.CreateMismatched(_ => { }, o => o.UserIdClaim = "sub");
        var corpus = new TokenCorpus(pair, Seed).Generate();

        var (disagreements, _) = await CompareAsync(pair, corpus);

        disagreements.ShouldNotBeEmpty();
    }

    private static Action<JwtAuthOptions> Configure(string configuration) => configuration switch
    {
        "HS256" => _ => { },
        "HS384" => o => (o.Algorithm, o.SigningKey) = ("HS384", LongKey),
        "HS512" => o => (o.Algorithm, o.SigningKey) = ("HS512", LongKey),
        "HS256 audience issuer leeway" => o =>
        {
            o.Audience = "https://api.example";
            o.Issuer = "https://issuer.example";
            o.Leeway = TimeSpan.FromSeconds(30);
        },
        "HS256 custom claim names" => o =>
        {
            o.UserIdClaim = "uid";
            o.TokenTypeClaim = "kind";
            o.JtiClaim = "token_id";
        },
        "HS512 sub as user id, leeway" => o =>
        {
            (o.Algorithm, o.SigningKey) = ("HS512", LongKey);
            o.UserIdClaim = "sub";
            o.Leeway = TimeSpan.FromSeconds(1);
        },
        _ => throw new ArgumentOutOfRangeException(nameof(configuration)),
    };

    private static async Task<(List<string> Disagreements, Dictionary<TokenFailure, int> Seen)> CompareAsync(
        ValidatorPair pair, List<(string Name, string Token)> corpus)
    {
        var disagreements = new List<string>();
        var seen = new Dictionary<TokenFailure, int>();
        foreach (var (name, token) in corpus)
        {
            if (await pair.DisagreementAsync(token) is { } difference)
            {
                disagreements.Add($"{name}: {difference}");
                continue;
            }

            var failure = pair.Fast(token).Failure;
            seen[failure] = seen.GetValueOrDefault(failure) + 1;
        }

        return (disagreements, seen);
    }
}
