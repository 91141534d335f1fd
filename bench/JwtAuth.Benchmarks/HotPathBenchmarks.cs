using BenchmarkDotNet.Attributes;
using JwtAuth.Revocation;
using JwtAuth.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JwtAuth.Benchmarks;

/// <summary>
/// The bearer hot path for one HS256 access token: validate it, then ask the revocation registry.
/// JwtAuth's reader against <see cref="JsonWebTokenHandler"/> with equivalent parameters, and
/// against JwtAuth's own reference validator (what the handler used before the reader).
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string SigningKey = "benchmark-signing-key-0123456789abcdef0123456789abcdef";

    private HmacTokenReader _reader = null!;
    private TokenValidator _validator = null!;
    private RevocationRegistry _registry = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new JwtAuthOptions { SigningKey = SigningKey, AuthHeaderTypes = ["Bearer"] };
        var keys = TokenKeys.Create(options);
        var now = DateTimeOffset.UtcNow;
        _token = new TokenIssuer(options, keys).Issue(new TokenRequest
        {
            Type = TokenType.Access,
            UserId = "1234567",
            SessionId = Guid.CreateVersion7(),
            IssuedAt = now.AddSeconds(-10),
            ExpiresAt = now.AddHours(2),
        }).Token;
        _reader = new HmacTokenReader(options, keys);
        _validator = new TokenValidator(options, keys, TimeProvider.System);

        // A registry with some content, none of it about this token.
        _registry = new RevocationRegistry();
        for (var i = 0; i < 10_000; i++)
        {
            _registry.Apply(new RevocationEntry(0, RevocationKind.Session, JwtAuthIds.Format(Guid.CreateVersion7()), 0, long.MaxValue));
            _registry.Apply(new RevocationEntry(0, RevocationKind.User, "user-" + i, now.ToUnixTimeSeconds(), long.MaxValue));
        }

        // Equivalent checks: signature, the one algorithm, exp and nbf without clock skew.
        _handler = new JsonWebTokenHandler { MapInboundClaims = false };
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = keys.VerificationKey,
            ValidAlgorithms = [keys.Algorithm],
            RequireSignedTokens = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateIssuerSigningKey = false,
        };

        if (!HmacTokenReaderThenRegistry() || !JsonWebTokenHandlerThenRegistry().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The benchmark token does not validate.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool HmacTokenReaderThenRegistry()
    {
        // As JwtAuthHandler does it: the user id stays in a stack buffer for the registry lookup.
        Span<char> text = stackalloc char[_token.Length];
        var failure = _reader.Read(_token, TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), text, out var claims);
        return failure == TokenFailure.None && !_registry.IsRevoked(claims.SessionId, text[claims.UserId], claims.IssuedAt);
    }

    [Benchmark]
    public async Task<bool> JsonWebTokenHandlerThenRegistry()
    {
        var result = await _handler.ValidateTokenAsync(_token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return false;
        }

        var token = (JsonWebToken)result.SecurityToken;
        _ = JwtAuthIds.TryParse(token.GetPayloadValue<string>(JwtAuthClaimNames.SessionId), out var sessionId);
        return !_registry.IsRevoked(sessionId, token.GetClaim("user_id").Value, token.GetPayloadValue<long>(JwtRegisteredClaimNames.Iat));
    }

    [Benchmark]
    public async Task<bool> TokenValidatorThenRegistry()
    {
        var check = await _validator.ValidateAsync(_token).ConfigureAwait(false);
        return check.IsValid && !_registry.IsRevoked(check.Contents!.SessionId, check.Contents.UserId, check.Contents.IssuedAt);
    }
}
