using JwtAuth.Revocation;

namespace JwtAuth.Tests.Revocation;

public sealed class RevocationRegistryTests
{
    private static RevocationEntry Session(long id, Guid sid, long expiresAt) =>
        new(id, RevocationKind.Session, sid.ToString("N"), 0, expiresAt);

    [Fact]
    public void RevokedSession_RefusesItsTokensOnly()
    {
        var registry = new RevocationRegistry();
        var revoked = Guid.CreateVersion7();
        registry.Apply(Session(1, revoked, 1_000));

        registry.IsRevoked(revoked, "u1", 10).ShouldBeTrue();
        registry.IsRevoked(Guid.CreateVersion7(), "u1", 10).ShouldBeFalse();
        registry.IsRevoked(Guid.Empty, "u1", 10).ShouldBeFalse();
    }

    [Fact]
    public void UserCutoff_RefusesSessionlessTokensUpToItsOwnSecond_AndLeavesSessionTokensToTheirSession()
    {
        var registry = new RevocationRegistry();
        registry.Apply(new RevocationEntry(1, RevocationKind.User, "u1", NotBefore: 500, ExpiresAt: 900));

        registry.IsRevoked(Guid.Empty, "u1", 499).ShouldBeTrue();
        // iat has whole seconds: a token of the cut-off's second may have been issued before it.
        registry.IsRevoked(Guid.Empty, "u1", 500).ShouldBeTrue();
        registry.IsRevoked(Guid.Empty, "u1", 501).ShouldBeFalse();
        registry.IsRevoked(Guid.Empty, "u2", 100).ShouldBeFalse();
        // Every session a user-wide ending reaches is logged by id; a new session's token is not refused.
        registry.IsRevoked(Guid.CreateVersion7(), "u1", 499).ShouldBeFalse();
    }

    [Fact]
    public void Prune_DropsEntriesWhoseTokensHaveAllExpired_SoMemoryStaysBounded()
    {
        var registry = new RevocationRegistry();
        for (var i = 1; i <= 10_000; i++)
        {
            registry.Apply(Session(i, Guid.CreateVersion7(), expiresAt: i <= 6_000 ? 100 : 200));
        }

        registry.Apply(new RevocationEntry(10_001, RevocationKind.User, "u1", 50, 100));

        registry.Prune(now: 99).ShouldBe(0);
        registry.Prune(now: 100).ShouldBe(6_001);
        registry.SessionCount.ShouldBe(4_000);
        registry.UserCount.ShouldBe(0);
        registry.Prune(now: 200);
        registry.SessionCount.ShouldBe(0);
    }

    [Fact]
    public void Apply_IsIdempotentAndKeepsTheLongerExpiry()
    {
        var registry = new RevocationRegistry();
        var sid = Guid.CreateVersion7();
        registry.Apply(Session(1, sid, 300));
        registry.Apply(Session(1, sid, 200));

        registry.Prune(250).ShouldBe(0);
        registry.IsRevoked(sid, "u", 0).ShouldBeTrue();
    }
}
