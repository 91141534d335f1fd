using JwtAuth.Flows;
using JwtAuth.Sessions;
using JwtAuth.Testing;
using JwtAuth.Tokens;
using JwtAuth.Users;

namespace JwtAuth.Tests.Flows;

/// <summary>
/// A login whose password check happened before an end-all (password change, logout all, disable)
/// must not leave a working session, wherever the end-all lands in the login.
/// </summary>
public sealed class LoginRaceTests
{
    private static string NewName() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Login_ParkedAfterThePasswordCheck_WhileThePasswordChanges_OpensNoSession()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName(), "old-password") with { SecurityStamp = "s1" };
        Replace(user);
        using var gate = FakeUsers.ParkCredentialCheckOf(user.UserName);

        var login = harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.ObtainAsync(user.UserName, "old-password", sliding: false, FlowHarness.Client, default));
        await gate.Parked;
        // The password change: new hash and stamp, and every session ended, in one go.
        Replace(user with { SecurityStamp = "s2" }, "new-password");
        await harness.RunAsync<IJwtAuthSessions, int>(sessions => sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.PasswordChanged));
        gate.Release();

        (await login).Failure.ShouldBe(TokenFailure.BadCredentials);
        (await harness.Store.ListActiveSessionsAsync(user.Id, harness.Time.GetUtcNow(), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Login_ParkedBeforeItsInsert_WhileLogoutAllRuns_OpensNoSession()
    {
        var gate = new GatedSessionStore(new InMemorySessionStore(), gateCreate: true);
        await using var harness = new FlowHarness(store: gate);
        var user = FakeUsers.Add(NewName());

        var login = harness.LoginAsync(user);
        await gate.Parked;
        await harness.RunAsync<IJwtAuthSessions, int>(sessions => sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.LogoutAll));
        gate.Release();

        (await login).Failure.ShouldBe(TokenFailure.BadCredentials);
        (await harness.Store.ListActiveSessionsAsync(user.Id, harness.Time.GetUtcNow(), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Login_AfterLogoutAll_OpensASessionAsUsual()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());
        await harness.LoginAsync(user);
        await harness.RunAsync<IJwtAuthSessions, int>(sessions => sessions.EndAllSessionsAsync(user.Id, SessionEndReasons.LogoutAll));

        var again = await harness.LoginAsync(user);

        again.Succeeded.ShouldBeTrue();
        (await harness.BearerIsRevokedAsync(again.Access!.Token)).ShouldBeFalse();
    }

    private static void Replace(JwtAuthUser user, string password = "old-password")
    {
        lock (FakeUsers.All)
        {
            FakeUsers.All[user.Id] = (user, password);
        }
    }
}
