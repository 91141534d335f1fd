using JwtAuth.Testing;
using JwtAuth.Flows;
using JwtAuth.Sessions;
using JwtAuth.Tokens;

namespace JwtAuth.Tests.Flows;

public sealed class FlowTests
{
    private static string NewName() => "user-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Obtain_WithTheRightPassword_OpensOneSessionWithAPair()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());

        var result = await harness.LoginAsync(user);

        result.Succeeded.ShouldBeTrue();
        var sessions = await harness.Store.ListActiveSessionsAsync(user.Id, harness.Time.GetUtcNow(), default);
        sessions.Count.ShouldBe(1);
        sessions[0].UserAgent.ShouldBe("flow-tests");
        sessions[0].IpAddress.ShouldBe("203.0.113.9");
        sessions[0].SignInMethod.ShouldBe(SessionSignInMethods.Password);
        (await harness.VerifyAsync(result.Access!.Token)).Succeeded.ShouldBeTrue();
        (await harness.VerifyAsync(result.Refresh!.Token)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task SignIn_OfAUserTheHostAuthenticated_OpensASessionRecordedWithItsMethod()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());

        var pair = await harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.SignInAsync(user.Id, "telegram_widget", sliding: false, FlowHarness.Client, default));
        var sliding = await harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.SignInAsync(user.Id, "telegram_mini_app", sliding: true, FlowHarness.Client, default));

        (await harness.VerifyAsync(pair.Access!.Token)).Succeeded.ShouldBeTrue();
        (await harness.VerifyAsync(sliding.Sliding!.Token)).Succeeded.ShouldBeTrue();
        var sessions = await harness.Store.ListActiveSessionsAsync(user.Id, harness.Time.GetUtcNow(), default);
        sessions.Select(session => session.SignInMethod).Order().ShouldBe(["telegram_mini_app", "telegram_widget"]);
    }

    [Fact]
    public async Task SignIn_OfAnInactiveOrUnknownUser_IsRefusedAsALoginIs()
    {
        await using var harness = new FlowHarness();
        var inactive = FakeUsers.Add(NewName(), active: false);

        (await harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.SignInAsync(inactive.Id, "telegram_widget", sliding: false, FlowHarness.Client, default)))
            .Failure.ShouldBe(TokenFailure.BadCredentials);
        (await harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.SignInAsync("no-such-user", "telegram_widget", sliding: false, FlowHarness.Client, default)))
            .Failure.ShouldBe(TokenFailure.BadCredentials);
        (await harness.Store.ListActiveSessionsAsync(inactive.Id, harness.Time.GetUtcNow(), default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Obtain_WrongPasswordAndInactiveUser_AreRefusedAlike()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());
        var inactive = FakeUsers.Add(NewName(), active: false);

        (await harness.LoginAsync(user, "wrong")).Failure.ShouldBe(TokenFailure.BadCredentials);
        (await harness.LoginAsync(inactive)).Failure.ShouldBe(TokenFailure.BadCredentials);
    }

    [Fact]
    public async Task Obtain_WithCheckUserIsActiveOff_LetsAnInactiveUserIn()
    {
        await using var harness = new FlowHarness(o => o.CheckUserIsActive = false);

        (await harness.LoginAsync(FakeUsers.Add(NewName(), active: false))).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Refresh_RotatesAndTheSuccessorRefreshesAgain()
    {
        await using var harness = new FlowHarness();
        var login = await harness.LoginAsync(FakeUsers.Add(NewName()));

        var first = await harness.RefreshAsync(login.Refresh!.Token);
        var second = await harness.RefreshAsync(first.Refresh!.Token);

        first.Succeeded.ShouldBeTrue();
        first.Refresh.Id.ShouldNotBe(login.Refresh.Id);
        second.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Refresh_WithRotatedOutToken_RevokesWholeSession()
    {
        await using var harness = new FlowHarness();
        var login = await harness.LoginAsync(FakeUsers.Add(NewName()));
        var rotated = await harness.RefreshAsync(login.Refresh!.Token);

        var reuse = await harness.RefreshAsync(login.Refresh.Token);

        reuse.Failure.ShouldBe(TokenFailure.Blacklisted);
        (await harness.RefreshAsync(rotated.Refresh!.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
        (await harness.BearerIsRevokedAsync(rotated.Access!.Token)).ShouldBeTrue();
        (await harness.VerifyAsync(rotated.Access.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Fact]
    public async Task Refresh_RepeatedWithinTheGracePeriod_ReturnsTheSameSuccessor()
    {
        await using var harness = new FlowHarness(o => o.RefreshReuseGracePeriod = TimeSpan.FromSeconds(30));
        var login = await harness.LoginAsync(FakeUsers.Add(NewName()));
        var rotated = await harness.RefreshAsync(login.Refresh!.Token);
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        var retry = await harness.RefreshAsync(login.Refresh.Token);

        retry.Succeeded.ShouldBeTrue();
        retry.Refresh!.Id.ShouldBe(rotated.Refresh!.Id);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        (await harness.RefreshAsync(login.Refresh.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Fact]
    public async Task Refresh_RacingRefreshesOfOneToken_HaveExactlyOneWinner()
    {
        var gate = new GatedSessionStore(new InMemorySessionStore());
        await using var harness = new FlowHarness(store: gate);
        var login = await harness.LoginAsync(FakeUsers.Add(NewName()));

        // The first refresh is parked just before its rotation commits; the second runs through.
        var parked = harness.RefreshAsync(login.Refresh!.Token);
        await gate.Parked;
        var second = await harness.RefreshAsync(login.Refresh.Token);
        gate.Release();
        var first = await parked;

        second.Succeeded.ShouldBeTrue();
        // The parked one lost the conditional write: it is a repeat of a consumed token, so reuse.
        first.Failure.ShouldBe(TokenFailure.Blacklisted);
        (await harness.RefreshAsync(second.Refresh!.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task VerifyAndTheBearerRule_AgreeForEveryRevokeAccessTokensOnLogoutValue(bool revokeAccessTokens)
    {
        await using var harness = new FlowHarness(o => o.RevokeAccessTokensOnLogout = revokeAccessTokens);
        var user = FakeUsers.Add(NewName());
        var login = await harness.LoginAsync(user);

        var logout = await harness.RunAsync<LogoutFlow, TokenResult>(flow =>
            flow.LogoutAsync(user.Id, SessionOf(harness, login.Access!.Token), null, default));

        logout.Succeeded.ShouldBeTrue();
        var bearerRevoked = await harness.BearerIsRevokedAsync(login.Access!.Token);
        bearerRevoked.ShouldBe(revokeAccessTokens);
        (await harness.VerifyAsync(login.Access.Token)).Succeeded.ShouldBe(!bearerRevoked);
        (await harness.VerifyAsync(login.Refresh!.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Fact]
    public async Task Logout_WithARefreshTokenOfAnotherSession_IsRefused()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());
        var mine = await harness.LoginAsync(user);
        var other = await harness.LoginAsync(user);

        var result = await harness.RunAsync<LogoutFlow, TokenResult>(flow =>
            flow.LogoutAsync(user.Id, SessionOf(harness, mine.Access!.Token), other.Refresh!.Token, default));

        result.Failure.ShouldBe(TokenFailure.NotOfBearerSession);
        (await harness.BearerIsRevokedAsync(mine.Access!.Token)).ShouldBeFalse();
    }

    [Fact]
    public async Task Blacklist_EndsTheSessionOfTheRefreshToken()
    {
        await using var harness = new FlowHarness();
        var login = await harness.LoginAsync(FakeUsers.Add(NewName()));

        var result = await harness.RunAsync<BlacklistFlow, TokenResult>(flow => flow.BlacklistAsync(login.Refresh!.Token, FlowHarness.Client, default));

        result.Succeeded.ShouldBeTrue();
        (await harness.BearerIsRevokedAsync(login.Access!.Token)).ShouldBeTrue();
        (await harness.RefreshAsync(login.Refresh!.Token)).Failure.ShouldBe(TokenFailure.Blacklisted);
    }

    [Fact]
    public async Task SlidingRefresh_AfterExpButBeforeRefreshExp_Renews_AndNotAfter()
    {
        await using var harness = new FlowHarness(o => (o.SlidingTokenLifetime, o.SlidingTokenRefreshLifetime) = (TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)));
        var user = FakeUsers.Add(NewName());
        var login = await harness.RunAsync<ObtainFlow, TokenResult>(flow => flow.ObtainAsync(user.UserName, "secret-password", sliding: true, FlowHarness.Client, default));
        harness.Time.Advance(TimeSpan.FromMinutes(10));

        var renewed = await harness.RunAsync<SlidingRefreshFlow, TokenResult>(flow => flow.RefreshAsync(login.Sliding!.Token, FlowHarness.Client, default));

        renewed.Succeeded.ShouldBeTrue();
        harness.Time.Advance(TimeSpan.FromHours(1));
        (await harness.RunAsync<SlidingRefreshFlow, TokenResult>(flow => flow.RefreshAsync(renewed.Sliding!.Token, FlowHarness.Client, default)))
            .Failure.ShouldBe(TokenFailure.RefreshExpExpired);
    }

    [Fact]
    public async Task Refresh_OfAUserDisabledSinceLogin_IsRefusedAsInactiveAccount()
    {
        await using var harness = new FlowHarness();
        var user = FakeUsers.Add(NewName());
        var login = await harness.LoginAsync(user);
        lock (FakeUsers.All)
        {
            FakeUsers.All[user.Id] = (user with { IsActive = false }, "secret-password");
        }

        (await harness.RefreshAsync(login.Refresh!.Token)).Failure.ShouldBe(TokenFailure.InactiveAccount);
    }

    private static Guid SessionOf(FlowHarness harness, string token) =>
        harness.Tokens.Validator.ValidateAsync(token).AsTask().Result.Contents!.SessionId;
}
