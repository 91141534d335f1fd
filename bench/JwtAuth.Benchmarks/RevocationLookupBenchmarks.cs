using BenchmarkDotNet.Attributes;
using JwtAuth.Revocation;
using JwtAuth.Tokens;

namespace JwtAuth.Benchmarks;

/// <summary><see cref="RevocationRegistry.IsRevoked"/> with a million revoked sessions (and 100,000 user cut-offs).</summary>
[MemoryDiagnoser]
public class RevocationLookupBenchmarks
{
    public const int RevokedSessions = 1_000_000;
    public const int RevokedUsers = 100_000;

    private RevocationRegistry _registry = null!;
    private Guid _revokedSession;
    private Guid _liveSession;
    private char[] _revokedUser = null!;
    private char[] _liveUser = null!;
    private long _issuedAt;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new RevocationRegistry();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        for (var i = 1; i <= RevokedSessions; i++)
        {
            var sessionId = Guid.CreateVersion7();
            _registry.Apply(new RevocationEntry(i, RevocationKind.Session, JwtAuthIds.Format(sessionId), 0, now + 600));
            if (i == RevokedSessions / 2)
            {
                _revokedSession = sessionId;
            }
        }

        for (var i = 0; i < RevokedUsers; i++)
        {
            _registry.Apply(new RevocationEntry(0, RevocationKind.User, "user-" + i, now, now + 600));
        }

        _liveSession = Guid.CreateVersion7();
        _revokedUser = "user-4242".ToCharArray();
        _liveUser = "someone-else".ToCharArray();
        _issuedAt = now - 10;
        if (!RevokedSession() || LiveSessionAndUser() || !LiveSessionOfRevokedUser())
        {
            throw new InvalidOperationException("The registry does not answer as expected.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool LiveSessionAndUser() => _registry.IsRevoked(_liveSession, _liveUser, _issuedAt);

    [Benchmark]
    public bool RevokedSession() => _registry.IsRevoked(_revokedSession, _liveUser, _issuedAt);

    [Benchmark]
    public bool LiveSessionOfRevokedUser() => _registry.IsRevoked(_liveSession, _revokedUser, _issuedAt);
}
