using JwtAuth.Testing;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests.Contract;

/// <summary>
/// What <see cref="ISessionStore"/> promises, checked through <see cref="EntityFrameworkSessionStore{TContext}"/>
/// on the database a subclass provides (SQLite here, PostgreSQL in JwtAuth.EntityFrameworkCore.PostgreSql.Tests,
/// which links this file). Each test gets an empty database; every <see cref="NewStore"/> has a context of
/// its own, as each request scope has. Times are explicit instants passed in: nothing sleeps.
/// </summary>
/// <remarks>
/// A subclass whose database cannot run here throws <c>SkipException</c> (or fails, where it must run)
/// from <see cref="CreateContext"/>, which every test reaches through <see cref="Store"/> or
/// <see cref="NewStore"/>; hence <see cref="SkippableFactAttribute"/> throughout.
/// </remarks>
public abstract partial class SessionStoreContract : IAsyncLifetime
{
    /// <summary>A whole-millisecond instant: the store keeps epoch milliseconds.</summary>
    protected static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(30);

    protected static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(1);

    /// <summary>The longest bearer lifetime: the user cut-off's retention, and how long after creation a test session's last access token expires.</summary>
    protected static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    private readonly List<DbContext> _contexts = [];
    private ISessionStore? _store;

    /// <summary>One store on its own context, for the steps of a test that need no other.</summary>
    protected ISessionStore Store => _store ??= NewStore();

    /// <summary>Creates the test's empty database with JwtAuth's tables, before the test runs. Must not throw where the database cannot run.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>A new context on the test's database; skips the test where the database cannot run.</summary>
    protected abstract TestSessionDbContext CreateContext();

    /// <summary>A context on a database that cannot be reached (no server, no file).</summary>
    protected abstract TestSessionDbContext CreateUnreachableContext();

    /// <summary>Removes the test's database after its contexts are disposed.</summary>
    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>
    /// Whether the stores' writes go through one <see cref="GroupCommitWriter{TContext}"/>, as
    /// <c>UseEntityFrameworkCore</c> registers them; the contract holds either way.
    /// </summary>
    protected virtual bool GroupCommit => false;

    /// <summary>The provider's one-statement rotation, where its package registers one (PostgreSQL).</summary>
    private protected virtual IRotationStatement? Rotation => null;

    /// <summary>A store on a fresh context: separate contexts, as concurrent requests have.</summary>
    private protected ISessionStore NewStore(IRevocationLogWriteHook? hook = null) =>
        new EntityFrameworkSessionStore<TestSessionDbContext>(NewContext(), hook, GroupCommit ? Writer : null, Rotation);

    /// <summary>A fresh context, disposed after the test.</summary>
    protected TestSessionDbContext NewContext()
    {
        var context = CreateContext();
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return context;
    }

    public Task InitializeAsync() => CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        // The test's own contexts first: one may hold a lock a parked writer waits for.
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await DisposeWritersAsync();

        await DropDatabaseAsync();
    }

    // ---- CreateSessionAsync, FindRefreshTokenAsync, FindSessionAsync ----

    [SkippableFact]
    public async Task CreateSession_WithFirstToken_RoundTripsThroughFindRefreshTokenAndFindSession()
    {
        var (session, token) = await LoginAsync("alice", T0);

        // Read on another context, so what comes back is what the database holds.
        var reader = NewStore();
        var state = await reader.FindRefreshTokenAsync(token.Id, default);
        state.ShouldNotBeNull();
        state.Token.ShouldBe(token);
        state.Session.ShouldBe(session);
        state.Successor.ShouldBeNull();
        (await reader.FindSessionAsync(session.Id, default)).ShouldBe(session);
    }

    [SkippableFact]
    public async Task CreateSession_KeepsEveryFieldAndTheInstant_WhateverTheOffset()
    {
        var createdAt = new DateTimeOffset(2030, 6, 1, 14, 30, 15, 123, TimeSpan.FromHours(2));
        var session = NewSession("alice", createdAt) with
        {
            LastUsedAt = createdAt.AddMinutes(3),
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) ünïcödé",
            IpAddress = "2001:db8::1",
        };
        var token = NewToken(session, createdAt);
        await Store.CreateSessionAsync(session, token, default);

        var found = await NewStore().FindSessionAsync(session.Id, default);
        found.ShouldBe(session);
        found!.CreatedAt.UtcDateTime.ShouldBe(createdAt.UtcDateTime);
        (await NewStore().FindRefreshTokenAsync(token.Id, default))!.Token.ShouldBe(token);
    }

    [SkippableFact]
    public async Task CreateSession_WithoutToken_StoresTheSessionAlone()
    {
        // A sliding session has no refresh token rows.
        var session = NewSession("alice", T0);
        await Store.CreateSessionAsync(session, null, default);

        (await NewStore().FindSessionAsync(session.Id, default)).ShouldBe(session);
        (await CountRowsAsync()).ShouldBe((0, 1, 0));
    }

    [SkippableFact]
    public async Task Find_UnknownIds_ReturnNull()
    {
        await LoginAsync("alice", T0);

        (await Store.FindRefreshTokenAsync(Guid.NewGuid(), default)).ShouldBeNull();
        (await Store.FindSessionAsync(Guid.NewGuid(), default)).ShouldBeNull();
    }

    // ---- TryRotateAsync ----

    [SkippableFact]
    public async Task TryRotate_ConsumesTheToken_StoresAndLinksItsSuccessor_AndTouchesTheSession()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(20);
        var successor = NewToken(session, now);

        (await Store.TryRotateAsync(token.Id, successor, now, default)).ShouldBeTrue();

        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state.ShouldNotBeNull();
        state.Token.ShouldBe(token with { ConsumedAt = now, SuccessorId = successor.Id });
        state.Successor.ShouldBe(successor);
        // The session now lives as long as its newest token: RefreshExpiresAt moves to the successor's expiry.
        state.Session.ShouldBe(session with { LastUsedAt = now, RefreshExpiresAt = successor.ExpiresAt });

        var next = await NewStore().FindRefreshTokenAsync(successor.Id, default);
        next.ShouldNotBeNull();
        next.Token.ShouldBe(successor);
        next.Successor.ShouldBeNull();
    }

    [SkippableFact]
    public async Task TryRotate_AConsumedToken_ReturnsFalse_AndDoesNotStoreTheSecondSuccessor()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        var first = NewToken(session, now);
        var second = NewToken(session, now.AddSeconds(1));

        (await Store.TryRotateAsync(token.Id, first, now, default)).ShouldBeTrue();
        (await NewStore().TryRotateAsync(token.Id, second, now.AddSeconds(1), default)).ShouldBeFalse();

        var reader = NewStore();
        var state = await reader.FindRefreshTokenAsync(token.Id, default);
        state!.Token.ConsumedAt.ShouldBe(now);
        state.Token.SuccessorId.ShouldBe(first.Id);
        (await reader.FindRefreshTokenAsync(second.Id, default)).ShouldBeNull();
        (await CountRowsAsync()).ShouldBe((2, 1, 0));
    }

    [SkippableFact]
    public async Task TryRotate_ManyConcurrentRotationsOfOneToken_ExactlyOneWins()
    {
        const int Attempts = 20;
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        // Each attempt has its own context, as concurrent requests have their own scope.
        var attempts = Enumerable.Range(0, Attempts).Select(_ => (Store: NewStore(), Successor: NewToken(session, now))).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = attempts.Select(attempt => Task.Run(async () =>
        {
            await start.Task;
            return await attempt.Store.TryRotateAsync(token.Id, attempt.Successor, now, default);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(running);

        results.Count(won => won).ShouldBe(1);
        var winner = attempts[Array.IndexOf(results, true)].Successor;
        var reader = NewStore();
        var state = await reader.FindRefreshTokenAsync(token.Id, default);
        state!.Token.SuccessorId.ShouldBe(winner.Id);
        state.Successor.ShouldBe(winner);
        foreach (var loser in attempts.Select(a => a.Successor).Where(s => s.Id != winner.Id))
        {
            (await reader.FindRefreshTokenAsync(loser.Id, default)).ShouldBeNull();
        }

        (await CountRowsAsync()).ShouldBe((2, 1, 0));
    }

    [SkippableFact]
    public async Task TryRotate_ABlacklistedToken_ReturnsFalse()
    {
        var (session, token) = await LoginAsync("alice", T0);
        // No ISessionStore method blacklists one token and leaves its session alone; the row is the store's.
        await UpdateTokenRowAsync(token.Id, t => t.BlacklistedAtMs = T0.AddMinutes(1).ToUnixTimeMilliseconds());
        var now = T0.AddHours(1);
        var successor = NewToken(session, now);

        (await Store.TryRotateAsync(token.Id, successor, now, default)).ShouldBeFalse();

        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Token.ConsumedAt.ShouldBeNull();
        state.Session.ShouldBe(session);
        (await NewStore().FindRefreshTokenAsync(successor.Id, default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task TryRotate_ATokenOfAnEndedSession_ReturnsFalse_EvenIfTheTokenItselfIsNotBlacklisted()
    {
        var (session, token) = await LoginAsync("alice", T0);
        await UpdateSessionRowAsync(session.Id, s =>
        {
            s.RevokedAtMs = T0.AddMinutes(1).ToUnixTimeMilliseconds();
            s.RevokedReason = SessionEndReasons.Administrator;
        });
        var now = T0.AddHours(1);
        var successor = NewToken(session, now);

        (await Store.TryRotateAsync(token.Id, successor, now, default)).ShouldBeFalse();

        (await NewStore().FindRefreshTokenAsync(token.Id, default))!.Token.ShouldBe(token);
        (await NewStore().FindRefreshTokenAsync(successor.Id, default)).ShouldBeNull();
    }

    [SkippableFact]
    public async Task TryRotate_AfterEndSessions_ReturnsFalse()
    {
        var (session, token) = await LoginAsync("alice", T0);
        (await Store.EndSessionsAsync(End("alice", T0.AddMinutes(1)) with { SessionId = session.Id }, default)).Count.ShouldBe(1);

        var now = T0.AddHours(1);
        (await NewStore().TryRotateAsync(token.Id, NewToken(session, now), now, default)).ShouldBeFalse();
    }

    [SkippableFact]
    public async Task TryRotate_PastTheSessionsAbsoluteEnd_ReturnsFalse()
    {
        // The token would still be valid for a day, but no refresh extends the session past ExpiresAt.
        var session = NewSession("alice", T0, lifetime: TimeSpan.FromHours(2));
        var token = NewToken(session, T0);
        await Store.CreateSessionAsync(session with { RefreshExpiresAt = token.ExpiresAt }, token, default);

        var justBefore = session.ExpiresAt.AddMilliseconds(-1);
        (await NewStore().TryRotateAsync(token.Id, NewToken(session, session.ExpiresAt), session.ExpiresAt, default)).ShouldBeFalse();
        (await NewStore().TryRotateAsync(token.Id, NewToken(session, justBefore), justBefore, default)).ShouldBeTrue();
    }

    [SkippableFact]
    public async Task TryRotate_WithoutAConsumedToken_OnlyStoresTheSuccessor()
    {
        // BlacklistAfterRotation off: the presented token stays usable.
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        var successor = NewToken(session, now);

        (await Store.TryRotateAsync(null, successor, now, default)).ShouldBeTrue();

        var reader = NewStore();
        var state = await reader.FindRefreshTokenAsync(token.Id, default);
        state!.Token.ShouldBe(token);
        state.Successor.ShouldBeNull();
        state.Session.ShouldBe(session with { LastUsedAt = now, RefreshExpiresAt = successor.ExpiresAt });
        (await reader.FindRefreshTokenAsync(successor.Id, default))!.Token.ShouldBe(successor);

        var later = now.AddHours(1);
        (await NewStore().TryRotateAsync(token.Id, NewToken(session, later), later, default)).ShouldBeTrue();
    }

    [SkippableFact]
    public async Task TryRotate_NeverMovesRefreshExpiresAtBack()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        // A successor expiring before the session's current refresh deadline (a shorter lifetime configured meanwhile).
        var successor = NewToken(session, now, lifetime: TimeSpan.FromHours(1));

        (await Store.TryRotateAsync(token.Id, successor, now, default)).ShouldBeTrue();

        (await NewStore().FindSessionAsync(session.Id, default)).ShouldBe(session with { LastUsedAt = now });
    }

    [SkippableFact]
    public async Task TryRotate_AnUnknownToken_ReturnsFalse_AndStoresNothing()
    {
        var (session, _) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        var successor = NewToken(session, now);

        (await Store.TryRotateAsync(Guid.NewGuid(), successor, now, default)).ShouldBeFalse();

        (await NewStore().FindRefreshTokenAsync(successor.Id, default)).ShouldBeNull();
        (await NewStore().FindSessionAsync(session.Id, default)).ShouldBe(session);
    }

    // ---- TouchSessionAsync ----

    [SkippableFact]
    public async Task TouchSession_RecordsTheUse_AndChangesNothingElse()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(3);

        await Store.TouchSessionAsync(session.Id, now, default);
        await Store.TouchSessionAsync(Guid.NewGuid(), now, default);

        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Session.ShouldBe(session with { LastUsedAt = now });
        state.Token.ShouldBe(token);
    }

    // ---- EndSessionsAsync ----

    [SkippableFact]
    public async Task EndSessions_EndsOnlyThatUsersSessions_AndBlacklistsTheirTokens()
    {
        var (alice1, alice1Token) = await LoginAsync("alice", T0);
        var (alice2, alice2First) = await LoginAsync("alice", T0.AddMinutes(1));
        var alice2Next = NewToken(alice2, T0.AddMinutes(2));
        (await Store.TryRotateAsync(alice2First.Id, alice2Next, T0.AddMinutes(2), default)).ShouldBeTrue();
        var (bob, bobToken) = await LoginAsync("bob", T0);
        var now = T0.AddHours(1);

        var entries = await NewStore().EndSessionsAsync(End("alice", now, SessionEndReasons.LogoutAll), default);

        entries.Select(e => (e.Kind, e.Subject)).ShouldBe(
            [(RevocationKind.Session, JwtAuthIds.Format(alice1.Id)), (RevocationKind.Session, JwtAuthIds.Format(alice2.Id))],
            ignoreOrder: true);
        ShouldIncrease(entries);
        entries.ShouldAllBe(e => e.NotBefore == now.ToUnixTimeSeconds());
        // Both sessions' last bearer tokens expired before the end: kept at least until the end.
        entries.ShouldAllBe(e => e.ExpiresAt > now.ToUnixTimeSeconds());

        var reader = NewStore();
        foreach (var ended in new[] { alice1, alice2 })
        {
            var found = await reader.FindSessionAsync(ended.Id, default);
            found!.RevokedAt.ShouldBe(now);
            found.RevokedReason.ShouldBe(SessionEndReasons.LogoutAll);
            found.IsActive(now).ShouldBeFalse();
        }

        foreach (var outstanding in new[] { alice1Token, alice2Next })
        {
            (await reader.FindRefreshTokenAsync(outstanding.Id, default))!.Token.BlacklistedAt.ShouldBe(now);
        }

        var bobState = await reader.FindRefreshTokenAsync(bobToken.Id, default);
        bobState!.Session.ShouldBe(bob);
        bobState.Token.ShouldBe(bobToken);
        (await reader.ReadRevocationsAsync(0, 100, default)).ShouldBe(entries);
    }

    [SkippableFact]
    public async Task EndSessions_WithSessionId_EndsOnlyThatSession()
    {
        var (ending, endingToken) = await LoginAsync("alice", T0);
        var (kept, keptToken) = await LoginAsync("alice", T0.AddMinutes(1));
        var now = T0.AddHours(1);

        var entries = await Store.EndSessionsAsync(End("alice", now) with { SessionId = ending.Id }, default);

        entries.ShouldHaveSingleItem().ShouldBe(new RevocationEntry(entries[0].Id, RevocationKind.Session, JwtAuthIds.Format(ending.Id), now.ToUnixTimeSeconds(), entries[0].ExpiresAt));
        var reader = NewStore();
        var endedState = await reader.FindRefreshTokenAsync(endingToken.Id, default);
        endedState!.Session.RevokedAt.ShouldBe(now);
        endedState.Session.RevokedReason.ShouldBe(SessionEndReasons.Logout);
        endedState.Token.BlacklistedAt.ShouldBe(now);
        var keptState = await reader.FindRefreshTokenAsync(keptToken.Id, default);
        keptState!.Session.ShouldBe(kept);
        keptState.Token.ShouldBe(keptToken);
    }

    [SkippableFact]
    public async Task EndSessions_WithAnotherUsersSessionId_TouchesNothing()
    {
        var (bob, bobToken) = await LoginAsync("bob", T0);

        var entries = await Store.EndSessionsAsync(End("alice", T0.AddHours(1)) with { SessionId = bob.Id }, default);

        entries.ShouldBeEmpty();
        var state = await NewStore().FindRefreshTokenAsync(bobToken.Id, default);
        state!.Session.ShouldBe(bob);
        state.Token.ShouldBe(bobToken);
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task EndSessions_WithExceptSessionId_KeepsThatSession()
    {
        var (first, _) = await LoginAsync("alice", T0);
        var (current, currentToken) = await LoginAsync("alice", T0.AddMinutes(1));
        var (third, _) = await LoginAsync("alice", T0.AddMinutes(2));
        var now = T0.AddHours(1);

        var entries = await Store.EndSessionsAsync(End("alice", now, SessionEndReasons.LogoutOthers) with { ExceptSessionId = current.Id }, default);

        entries.Select(e => e.Subject).ShouldBe([JwtAuthIds.Format(first.Id), JwtAuthIds.Format(third.Id)], ignoreOrder: true);
        var state = await NewStore().FindRefreshTokenAsync(currentToken.Id, default);
        state!.Session.ShouldBe(current);
        state.Token.ShouldBe(currentToken);
        (await NewStore().ListActiveSessionsAsync("alice", now, default)).Select(s => s.Id).ShouldBe([current.Id]);
    }

    [SkippableFact]
    public async Task EndSessions_WithCutOffUser_AlsoLogsAUserEntry()
    {
        var (session, _) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);

        var entries = await Store.EndSessionsAsync(End("alice", now, SessionEndReasons.PasswordChanged) with { CutOffUser = true }, default);

        entries.Select(e => (e.Kind, e.Subject)).ShouldBe(
            [(RevocationKind.Session, JwtAuthIds.Format(session.Id)), (RevocationKind.User, "alice")],
            ignoreOrder: true);
        ShouldIncrease(entries);
        entries.Single(e => e.Kind == RevocationKind.User).NotBefore.ShouldBe(now.ToUnixTimeSeconds());
    }

    [SkippableFact]
    public async Task EndSessions_WithCutOffUser_LogsTheUserEntry_EvenWithoutSessions()
    {
        // Tokens without a session (issued by SimpleJWT) must die too.
        var now = T0.AddHours(1);

        var entries = await Store.EndSessionsAsync(End("carol", now, SessionEndReasons.UserDisabled) with { CutOffUser = true }, default);

        var entry = entries.ShouldHaveSingleItem();
        (entry.Kind, entry.Subject, entry.NotBefore).ShouldBe((RevocationKind.User, "carol", now.ToUnixTimeSeconds()));
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBe(entries);
    }

    [SkippableFact]
    public async Task EndSessions_WithNothingToEnd_WritesNothing()
    {
        (await Store.EndSessionsAsync(End("alice", T0), default)).ShouldBeEmpty();
        (await CountRowsAsync()).ShouldBe((0, 0, 0));
    }

    [SkippableFact]
    public async Task EndSessions_SkipsSessionsAlreadyEnded()
    {
        var (_, token) = await LoginAsync("alice", T0);
        var firstEnd = T0.AddHours(1);
        (await Store.EndSessionsAsync(End("alice", firstEnd), default)).Count.ShouldBe(1);

        var again = await NewStore().EndSessionsAsync(End("alice", firstEnd.AddHours(1), SessionEndReasons.Administrator), default);
        var withCutOff = await NewStore().EndSessionsAsync(End("alice", firstEnd.AddHours(2), SessionEndReasons.PasswordChanged) with { CutOffUser = true }, default);

        again.ShouldBeEmpty();
        withCutOff.ShouldHaveSingleItem().Kind.ShouldBe(RevocationKind.User);
        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Session.RevokedAt.ShouldBe(firstEnd);
        state.Session.RevokedReason.ShouldBe(SessionEndReasons.Logout);
        state.Token.BlacklistedAt.ShouldBe(firstEnd);
        (await NewStore().ReadRevocationsAsync(0, 100, default)).Count.ShouldBe(2);
    }

    [SkippableFact]
    public async Task EndSessions_RunsTheWriteHookOnceInItsTransaction_WithTheLastId()
    {
        await LoginAsync("alice", T0);
        await LoginAsync("alice", T0.AddMinutes(1));
        var hook = new RecordingHook();

        var entries = await NewStore(hook).EndSessionsAsync(End("alice", T0.AddHours(1)) with { CutOffUser = true }, default);
        var nothing = await NewStore(hook).EndSessionsAsync(End("bob", T0.AddHours(1)), default);

        nothing.ShouldBeEmpty();
        var call = hook.Calls.ShouldHaveSingleItem();
        call.LastId.ShouldBe(entries.Max(e => e.Id));
        // The hook ran on the writing context, with the entries already visible to it.
        call.LastIdVisibleToHook.ShouldBe(call.LastId);
    }

    [SkippableFact]
    public async Task EndSessions_WhenTheWriteHookFails_WritesNothing()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var now = T0.AddHours(1);

        await Should.ThrowAsync<InvalidOperationException>(
            () => NewStore(new FailingHook()).EndSessionsAsync(End("alice", now) with { CutOffUser = true }, default));

        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Session.ShouldBe(session);
        state.Token.ShouldBe(token);
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBeEmpty();
        (await NewStore().TryRotateAsync(token.Id, NewToken(session, now), now, default)).ShouldBeTrue();
    }

    // ---- AppendUserChangedAsync ----

    [SkippableFact]
    public async Task AppendUserChanged_LogsAUserChangedEntry_AfterTheOthers_KeptForTheRetention()
    {
        await LoginAsync("alice", T0);
        var ended = await Store.EndSessionsAsync(End("alice", T0.AddHours(1)), default);
        var now = T0.AddHours(2);
        var retention = TimeSpan.FromMinutes(12);

        var entry = await NewStore().AppendUserChangedAsync("alice", now, retention, default);

        (entry.Kind, entry.Subject, entry.NotBefore).ShouldBe((RevocationKind.UserChanged, "alice", now.ToUnixTimeSeconds()));
        entry.Id.ShouldBeGreaterThan(ended.Max(e => e.Id));
        entry.ExpiresAt.ShouldBeInRange((now + retention).ToUnixTimeSeconds(), (now + retention).ToUnixTimeSeconds() + 2);
        (await NewStore().ReadRevocationsAsync(ended.Max(e => e.Id), 100, default)).ShouldBe([entry]);
        // It refuses nothing and ends nothing: alice's other rows are as they were.
        (await CountRowsAsync()).ShouldBe((1, 1, 2));

        // Pruned only once the retention has passed.
        await NewStore().PruneAsync(now + retention, 100, default);
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBe([entry]);
        (await NewStore().PruneAsync(DateTimeOffset.FromUnixTimeSeconds(entry.ExpiresAt), 100, default)).Revocations.ShouldBe(1);
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task AppendUserChanged_RunsTheWriteHookInItsTransaction_AndWritesNothingWhenItFails()
    {
        var hook = new RecordingHook();

        var entry = await NewStore(hook).AppendUserChangedAsync("alice", T0, Retention, default);
        await Should.ThrowAsync<InvalidOperationException>(() => NewStore(new FailingHook()).AppendUserChangedAsync("bob", T0, Retention, default));

        hook.Calls.ShouldHaveSingleItem().ShouldBe((entry.Id, entry.Id));
        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBe([entry]);
    }

    [SkippableFact]
    public async Task AppendUserChanged_InTheCallersTransaction_CommitsAndRollsBackWithIt()
    {
        var context = NewContext();
        var store = new EntityFrameworkSessionStore<TestSessionDbContext>(context);

        await using (var rolledBack = await context.Database.BeginTransactionAsync())
        {
            await store.AppendUserChangedAsync("alice", T0, Retention, default);
            await rolledBack.RollbackAsync();
        }

        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBeEmpty();

        RevocationEntry entry;
        await using (var committed = await context.Database.BeginTransactionAsync())
        {
            entry = await store.AppendUserChangedAsync("alice", T0, Retention, default);
            // Not visible to others before the caller commits.
            (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBeEmpty();
            await committed.CommitAsync();
        }

        (await NewStore().ReadRevocationsAsync(0, 100, default)).ShouldBe([entry]);
    }

    // ---- ReadRevocationsAsync ----

    [SkippableFact]
    public async Task ReadRevocations_PagesThroughTheLogByIncreasingId()
    {
        var written = new List<RevocationEntry>();
        for (var i = 0; i < 5; i++)
        {
            var (session, _) = await LoginAsync("alice", T0.AddMinutes(i));
            written.AddRange(await NewStore().EndSessionsAsync(End("alice", T0.AddMinutes(i).AddSeconds(30)) with { SessionId = session.Id }, default));
        }

        written.AddRange(await NewStore().EndSessionsAsync(End("bob", T0.AddHours(1)) with { CutOffUser = true }, default));
        await LoginAsync("carol", T0);
        await LoginAsync("carol", T0.AddMinutes(1));
        written.AddRange(await NewStore().EndSessionsAsync(End("carol", T0.AddHours(2)) with { CutOffUser = true }, default));
        written.Count.ShouldBe(9);
        ShouldIncrease(written);

        var reader = NewStore();
        (await reader.ReadRevocationsAsync(0, 100, default)).ShouldBe(written);
        (await reader.ReadRevocationsAsync(0, 4, default)).ShouldBe(written[..4]);
        (await reader.ReadRevocationsAsync(written[3].Id, 4, default)).ShouldBe(written[4..8]);
        (await reader.ReadRevocationsAsync(written[7].Id, 4, default)).ShouldBe(written[8..]);
        (await reader.ReadRevocationsAsync(written[8].Id, 4, default)).ShouldBeEmpty();
        (await reader.ReadRevocationsAsync(written[2].Id, 0, default)).ShouldBeEmpty();

        // Paging the way a node catches up: from its watermark, a page at a time, until a short page.
        var read = new List<RevocationEntry>();
        var after = 0L;
        IReadOnlyList<RevocationEntry> page;
        do
        {
            page = await reader.ReadRevocationsAsync(after, 2, default);
            read.AddRange(page);
            after = page.Count > 0 ? page[^1].Id : after;
        }
        while (page.Count == 2);

        read.ShouldBe(written);
    }

    [SkippableFact]
    public async Task ReadRevocations_IdsKeepIncreasing_AfterTheNewestEntryWasPruned()
    {
        // Nodes catch up by id: an id handed out again after pruning would be skipped by every node past it.
        var (first, _) = await LoginAsync("alice", T0);
        var firstEntry = (await NewStore().EndSessionsAsync(End("alice", T0.AddMinutes(1)) with { SessionId = first.Id }, default)).Single();
        var later = T0.AddHours(1);
        (await NewStore().PruneAsync(later, 100, default)).Revocations.ShouldBe(1);
        (await CountRowsAsync()).Revocations.ShouldBe(0);

        var (second, _) = await LoginAsync("alice", later);
        var secondEntry = (await NewStore().EndSessionsAsync(End("alice", later.AddMinutes(1)) with { SessionId = second.Id }, default)).Single();

        secondEntry.Id.ShouldBeGreaterThan(firstEntry.Id);
        (await NewStore().ReadRevocationsAsync(firstEntry.Id, 100, default)).ShouldBe([secondEntry]);
    }

    // ---- ListRefreshTokensAsync ----

    [SkippableFact]
    public async Task ListRefreshTokens_PagesTheUsersTokensNewestFirst_WithWhenAndWhyEachStopped()
    {
        var (rotated, first) = await LoginAsync("alice", T0);
        var successor = NewToken(rotated, T0.AddHours(1));
        (await Store.TryRotateAsync(first.Id, successor, T0.AddHours(1), default)).ShouldBeTrue();
        var (ended, endedToken) = await LoginAsync("alice", T0.AddHours(2));
        (await Store.EndSessionsAsync(End("alice", T0.AddHours(3), SessionEndReasons.Logout) with { SessionId = ended.Id }, default)).Count.ShouldBe(1);
        await LoginAsync("bob", T0.AddHours(4));

        var all = await NewStore().ListRefreshTokensAsync("alice", 0, 10, default);

        all.Total.ShouldBe(3);
        all.Tokens.Select(t => t.Id).ShouldBe([endedToken.Id, successor.Id, first.Id]);
        all.Tokens[0].ShouldBe(new RefreshTokenListing
        {
            Id = endedToken.Id, SessionId = ended.Id, IssuedAt = endedToken.IssuedAt, ExpiresAt = endedToken.ExpiresAt,
            BlacklistedAt = T0.AddHours(3), BlacklistReason = SessionEndReasons.Logout,
        });
        all.Tokens[1].BlacklistedAt.ShouldBeNull();
        all.Tokens[1].BlacklistReason.ShouldBeNull();
        all.Tokens[2].BlacklistedAt.ShouldBe(T0.AddHours(1));
        all.Tokens[2].BlacklistReason.ShouldBe("rotated");

        var second = await NewStore().ListRefreshTokensAsync("alice", 1, 1, default);
        second.Total.ShouldBe(3);
        second.Tokens.Select(t => t.Id).ShouldBe([successor.Id]);
        var none = await NewStore().ListRefreshTokensAsync("carol", 0, 10, default);
        none.Total.ShouldBe(0);
        none.Tokens.ShouldBeEmpty();
    }

    // ---- ListActiveSessionsAsync, CountActiveSessionsAsync ----

    [SkippableFact]
    public async Task ListAndCount_ShowOnlyActiveSessions_NewestFirst()
    {
        var now = T0.AddDays(2);
        var (active, _) = await LoginAsync("alice", now.AddHours(-1));
        var (activeOlder, _) = await LoginAsync("alice", now.AddHours(-2));
        var (ended, _) = await LoginAsync("alice", now.AddHours(-3));
        (await Store.EndSessionsAsync(End("alice", now.AddMinutes(-30)) with { SessionId = ended.Id }, default)).Count.ShouldBe(1);
        // Past its absolute end although its refresh deadline lies ahead.
        await CreateAsync(NewSession("alice", now.AddHours(-4), lifetime: TimeSpan.FromHours(1)));
        // Ends exactly now: not active (IsActive wants EndsAt after now).
        await CreateAsync(NewSession("alice", now.AddHours(-5), lifetime: TimeSpan.FromHours(5)));
        // Unused past its refresh deadline, though its absolute end is weeks away.
        await LoginAsync("alice", now.AddDays(-1).AddMilliseconds(-1));
        var (bobActive, _) = await LoginAsync("bob", now.AddHours(-1));
        await LoginAsync("bob", now.AddDays(-3));

        (await NewStore().ListActiveSessionsAsync("alice", now, default)).Select(s => s.Id).ShouldBe([active.Id, activeOlder.Id]);
        (await NewStore().ListActiveSessionsAsync("bob", now, default)).Select(s => s.Id).ShouldBe([bobActive.Id]);
        (await NewStore().ListActiveSessionsAsync("carol", now, default)).ShouldBeEmpty();

        var counts = await NewStore().CountActiveSessionsAsync(["alice", "bob", "carol"], now, default);
        counts.GetValueOrDefault("alice").ShouldBe(2);
        counts.GetValueOrDefault("bob").ShouldBe(1);
        counts.GetValueOrDefault("carol").ShouldBe(0);
        counts.Keys.ShouldBeSubsetOf(["alice", "bob", "carol"]);
        (await NewStore().CountActiveSessionsAsync([], now, default)).ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task ListAndCount_AgreeWithSessionRecordIsActive_AtEveryBoundary()
    {
        var ids = new List<Guid>();
        async Task Add(SessionRecord session, bool withToken = true)
        {
            ids.Add(session.Id);
            if (withToken)
            {
                var token = NewToken(session, session.CreatedAt, session.RefreshExpiresAt - session.CreatedAt);
                await Store.CreateSessionAsync(session, token, default);
            }
            else
            {
                await Store.CreateSessionAsync(session, null, default);
            }
        }

        await Add(NewSession("alice", T0));
        await Add(NewSession("alice", T0.AddMinutes(1), lifetime: TimeSpan.FromHours(6), refreshLifetime: TimeSpan.FromHours(6)));
        await Add(NewSession("alice", T0.AddMinutes(2), lifetime: TimeSpan.FromHours(3)));
        await Add(NewSession("alice", T0.AddMinutes(3), refreshLifetime: TimeSpan.FromHours(2)), withToken: false);
        await Add(NewSession("bob", T0.AddMinutes(4)));
        await Add(NewSession("bob", T0.AddMinutes(5), refreshLifetime: TimeSpan.FromHours(12)));
        // Rotation moves a session's refresh deadline: active past its first token's expiry.
        var (rotated, firstToken) = await LoginAsync("alice", T0.AddMinutes(6));
        ids.Add(rotated.Id);
        (await Store.TryRotateAsync(firstToken.Id, NewToken(rotated, T0.AddHours(20)), T0.AddHours(20), default)).ShouldBeTrue();
        var (ended, _) = await LoginAsync("bob", T0.AddMinutes(7));
        ids.Add(ended.Id);
        await Store.EndSessionsAsync(End("bob", T0.AddHours(1)) with { SessionId = ended.Id }, default);

        var stored = new List<SessionRecord>();
        foreach (var id in ids)
        {
            stored.Add((await NewStore().FindSessionAsync(id, default))!);
        }

        var instants = stored.SelectMany(s => new[] { s.EndsAt, s.ExpiresAt, s.RefreshExpiresAt })
            .SelectMany(t => new[] { t.AddMilliseconds(-1), t, t.AddMilliseconds(1) })
            .Append(T0.AddMinutes(10))
            .Distinct()
            .Order();
        var reader = NewStore();
        foreach (var now in instants)
        {
            var counts = await reader.CountActiveSessionsAsync(["alice", "bob"], now, default);
            foreach (var user in new[] { "alice", "bob" })
            {
                var expected = stored.Where(s => s.UserId == user && s.IsActive(now)).OrderByDescending(s => s.CreatedAt).ToList();
                var listed = await reader.ListActiveSessionsAsync(user, now, default);
                listed.ShouldBe(expected, customMessage: $"{user} at {now:O}");
                counts.GetValueOrDefault(user).ShouldBe(expected.Count, customMessage: $"{user} at {now:O}");
            }
        }
    }

    [SkippableFact]
    public async Task EndSessions_KeepsEachEntryUntilTheLastBearerTokenOfItsSessionExpires_PlusTheClockSkew()
    {
        // Retention from the tokens actually issued, not from today's settings: a token issued under a
        // longer lifetime (before a restart), or by a node whose clock runs ahead, is still covered.
        var (session, first) = await LoginAsync("alice", T0);
        var lateAccessExpiry = T0.AddHours(3);
        (await Store.TryRotateAsync(first.Id, NewToken(session, T0.AddMinutes(1)), lateAccessExpiry, T0.AddMinutes(1), default)).ShouldBeTrue();
        await Store.TouchSessionAsync(session.Id, T0.AddHours(2), T0.AddMinutes(2), default);
        var now = T0.AddMinutes(3);

        var entry = (await NewStore().EndSessionsAsync(End("alice", now) with { ClockSkew = TimeSpan.FromMinutes(1) }, default)).Single();

        DateTimeOffset.FromUnixTimeSeconds(entry.ExpiresAt).ShouldBeGreaterThanOrEqualTo(lateAccessExpiry.AddMinutes(1));
        (await NewStore().FindSessionAsync(session.Id, default))!.TokensExpireAt.ShouldBe(lateAccessExpiry);
    }

    [SkippableFact]
    public async Task CreateSession_AfterTheEpochMovedOn_StoresNothing_AndAtTheNewEpochSucceeds()
    {
        // A login read epoch 0, then a logout-all ended the user's sessions: the login's insert fails.
        var epoch = await Store.GetUserEpochAsync("alice", default);
        await NewStore().EndSessionsAsync(End("alice", T0, SessionEndReasons.LogoutAll), default);
        var late = NewSession("alice", T0);

        (await NewStore().CreateSessionAsync(late, NewToken(late, T0), epoch, audit: null, default)).ShouldBeFalse();
        (await NewStore().FindSessionAsync(late.Id, default)).ShouldBeNull();

        var current = await NewStore().GetUserEpochAsync("alice", default);
        current.ShouldBe(epoch + 1);
        (await NewStore().CreateSessionAsync(late, NewToken(late, T0), current, audit: null, default)).ShouldBeTrue();
        // Ending one session leaves the epoch where it is: only end-alls race logins.
        await NewStore().EndSessionsAsync(End("alice", T0) with { SessionId = late.Id }, default);
        (await NewStore().GetUserEpochAsync("alice", default)).ShouldBe(current);
    }

    // ---- PruneAsync ----

    [SkippableFact]
    public async Task Prune_RemovesOnlyExpiredRows()
    {
        var (alice, aliceFirst) = await LoginAsync("alice", T0);
        var aliceNext = NewToken(alice, T0.AddHours(20));
        (await Store.TryRotateAsync(aliceFirst.Id, aliceNext, T0.AddHours(20), default)).ShouldBeTrue();
        var (bob, _) = await LoginAsync("bob", T0, sessionLifetime: TimeSpan.FromHours(2), refreshLifetime: TimeSpan.FromHours(2));
        var logEntry = (await Store.EndSessionsAsync(End("bob", T0.AddHours(1)), default)).Single();

        // Just before anything expires, nothing goes.
        (await NewStore().PruneAsync(T0.AddHours(1), 100, default)).ShouldBe(new PruneResult(0, 0, 0));
        (await NewStore().PruneAsync(bob.ExpiresAt.AddMilliseconds(-1), 100, default)).ShouldBe(new PruneResult(0, 0, 1));
        (await CountRowsAsync()).ShouldBe((3, 2, 0));

        // At alice's first token's expiry: it goes, and bob's expired session with its expired token.
        (await NewStore().PruneAsync(aliceFirst.ExpiresAt, 100, default)).ShouldBe(new PruneResult(2, 1, 0));
        (await NewStore().PruneAsync(aliceFirst.ExpiresAt, 100, default)).ShouldBe(new PruneResult(0, 0, 0));

        var reader = NewStore();
        (await reader.FindSessionAsync(bob.Id, default)).ShouldBeNull();
        (await reader.FindRefreshTokenAsync(aliceFirst.Id, default)).ShouldBeNull();
        var state = await reader.FindRefreshTokenAsync(aliceNext.Id, default);
        state!.Token.ShouldBe(aliceNext);
        state.Session.Id.ShouldBe(alice.Id);
        (await reader.ReadRevocationsAsync(0, 100, default)).ShouldNotContain(logEntry);
    }

    [SkippableFact]
    public async Task Prune_KeepsASessionWhileAnyOfItsTokensRemains()
    {
        var (session, token) = await LoginAsync("alice", T0, sessionLifetime: TimeSpan.FromHours(1));

        (await Store.PruneAsync(session.ExpiresAt.AddHours(1), 100, default)).ShouldBe(new PruneResult(0, 0, 0));
        (await NewStore().FindRefreshTokenAsync(token.Id, default)).ShouldNotBeNull();

        (await NewStore().PruneAsync(token.ExpiresAt, 100, default)).ShouldBe(new PruneResult(1, 1, 0));
        (await CountRowsAsync()).ShouldBe((0, 0, 0));
    }

    [SkippableFact]
    public async Task Prune_KeepsAnEndedSession_SoItsTokensStillReadAsBlacklisted()
    {
        var (session, token) = await LoginAsync("alice", T0);
        var endedAt = T0.AddHours(1);
        await Store.EndSessionsAsync(End("alice", endedAt), default);

        (await NewStore().PruneAsync(endedAt.AddHours(2), 100, default)).ShouldBe(new PruneResult(0, 0, 1));

        var state = await NewStore().FindRefreshTokenAsync(token.Id, default);
        state!.Token.BlacklistedAt.ShouldBe(endedAt);
        state.Session.RevokedAt.ShouldBe(endedAt);
        (await NewStore().FindSessionAsync(session.Id, default)).ShouldNotBeNull();
    }

    [SkippableFact]
    public async Task Prune_KeepsALogEntryUntilItsExpiresAt()
    {
        await LoginAsync("alice", T0);
        var now = T0.AddHours(1);
        var entry = (await Store.EndSessionsAsync(End("alice", now), default)).Single();
        var forgetAt = DateTimeOffset.FromUnixTimeSeconds(entry.ExpiresAt);
        forgetAt.ShouldBeGreaterThan(now);

        (await NewStore().PruneAsync(now, 100, default)).Revocations.ShouldBe(0);
        (await NewStore().PruneAsync(forgetAt.AddSeconds(-1), 100, default)).Revocations.ShouldBe(0);
        (await NewStore().PruneAsync(forgetAt.AddSeconds(1), 100, default)).Revocations.ShouldBe(1);
    }

    [SkippableFact]
    public async Task Prune_DeletesAtMostBatchSizeOfEachKind_PerCall()
    {
        for (var i = 0; i < 5; i++)
        {
            await LoginAsync("alice", T0.AddMinutes(i), sessionLifetime: TimeSpan.FromHours(1), refreshLifetime: TimeSpan.FromHours(1));
        }

        (await Store.EndSessionsAsync(End("alice", T0.AddMinutes(10)) with { CutOffUser = true }, default)).Count.ShouldBe(6);
        var later = T0.AddDays(1);

        (await NewStore().PruneAsync(later, 2, default)).ShouldBe(new PruneResult(2, 2, 2));
        (await NewStore().PruneAsync(later, 2, default)).ShouldBe(new PruneResult(2, 2, 2));
        (await NewStore().PruneAsync(later, 2, default)).ShouldBe(new PruneResult(1, 1, 2));
        (await NewStore().PruneAsync(later, 2, default)).ShouldBe(new PruneResult(0, 0, 0));
        (await CountRowsAsync()).ShouldBe((0, 0, 0));
    }

    // ---- Failures ----

    [SkippableFact]
    public async Task AnUnreachableDatabase_IsReportedAsSessionStoreUnavailable()
    {
        await using var context = CreateUnreachableContext();
        var store = new EntityFrameworkSessionStore<TestSessionDbContext>(context);

        await Should.ThrowAsync<SessionStoreUnavailableException>(() => store.FindSessionAsync(Guid.NewGuid(), default));
        await Should.ThrowAsync<SessionStoreUnavailableException>(() => store.CreateSessionAsync(NewSession("alice", T0), null, default));
        await Should.ThrowAsync<SessionStoreUnavailableException>(() => store.EndSessionsAsync(End("alice", T0) with { CutOffUser = true }, default));
    }

    [SkippableFact]
    public async Task ARefusedStatement_IsNotReportedAsUnavailable()
    {
        // The database answered and refused the statement (DatabaseFailure: constraint violation,
        // missing table): retrying cannot help, so hosts must answer 500, not 503.
        var (session, token) = await LoginAsync("alice", T0);

        var duplicate = await Should.ThrowAsync<Exception>(() => NewStore().CreateSessionAsync(session, token, default));
        duplicate.ShouldNotBeOfType<SessionStoreUnavailableException>();

        await NewContext().Database.ExecuteSqlRawAsync("DROP TABLE jwtauth_revocations");
        var missing = await Should.ThrowAsync<Exception>(() => NewStore().ReadRevocationsAsync(0, 10, default));
        missing.ShouldNotBeOfType<SessionStoreUnavailableException>();
    }

    [Fact]
    public async Task MissingJwtAuthTables_AreReportedAsASetUpMistake_NamingWhatToAdd()
    {
        // A host that has not added JwtAuth's tables saw "the session database is unavailable" (503).
        await NewContext().Database.ExecuteSqlRawAsync("DROP TABLE jwtauth_revocations");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => NewStore().ReadRevocationsAsync(0, 10, default));

        error.Message.ShouldContain("JwtAuth's tables are missing from the database: call modelBuilder.UseJwtAuth()");
    }

    // ---- Helpers ----

    protected static SessionRecord NewSession(string userId, DateTimeOffset createdAt, TimeSpan? lifetime = null, TimeSpan? refreshLifetime = null) => new()
    {
        Id = Guid.NewGuid(),
        UserId = userId,
        CreatedAt = createdAt,
        LastUsedAt = createdAt,
        ExpiresAt = createdAt + (lifetime ?? SessionLifetime),
        RefreshExpiresAt = createdAt + (refreshLifetime ?? RefreshLifetime),
        TokensExpireAt = createdAt + Retention,
        UserAgent = "contract-test/1.0",
        IpAddress = "192.0.2.10",
    };

    protected static RefreshTokenRecord NewToken(SessionRecord session, DateTimeOffset issuedAt, TimeSpan? lifetime = null) => new()
    {
        Id = Guid.NewGuid(),
        SessionId = session.Id,
        UserId = session.UserId,
        IssuedAt = issuedAt,
        ExpiresAt = issuedAt + (lifetime ?? RefreshLifetime),
    };

    protected static SessionEndRequest End(string userId, DateTimeOffset now, string reason = SessionEndReasons.Logout) => new()
    {
        UserId = userId,
        Reason = reason,
        Now = now,
        ClockSkew = TimeSpan.Zero,
        UserCutOffRetention = Retention,
    };

    /// <summary>A login as the obtain flow stores it: the session with its first refresh token, whose expiry is the session's refresh deadline.</summary>
    protected async Task<(SessionRecord Session, RefreshTokenRecord Token)> LoginAsync(
        string userId, DateTimeOffset at, TimeSpan? sessionLifetime = null, TimeSpan? refreshLifetime = null)
    {
        var session = NewSession(userId, at, sessionLifetime, refreshLifetime);
        var token = NewToken(session, at, refreshLifetime);
        await NewStore().CreateSessionAsync(session, token, default);
        return (session, token);
    }

    protected Task CreateAsync(SessionRecord session) => NewStore().CreateSessionAsync(session, NewToken(session, session.CreatedAt, session.RefreshExpiresAt - session.CreatedAt), default);

    protected async Task<(int RefreshTokens, int Sessions, int Revocations)> CountRowsAsync()
    {
        var context = NewContext();
        return (await context.Set<RefreshTokenEntity>().CountAsync(), await context.Set<SessionEntity>().CountAsync(), await context.Set<RevocationEntity>().CountAsync());
    }

    private protected async Task UpdateTokenRowAsync(Guid id, Action<RefreshTokenEntity> change)
    {
        var context = NewContext();
        change(await context.Set<RefreshTokenEntity>().SingleAsync(t => t.Id == id));
        await context.SaveChangesAsync();
    }

    private protected async Task UpdateSessionRowAsync(Guid id, Action<SessionEntity> change)
    {
        var context = NewContext();
        change(await context.Set<SessionEntity>().SingleAsync(s => s.Id == id));
        await context.SaveChangesAsync();
    }

    private static void ShouldIncrease(IReadOnlyList<RevocationEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            entries[i].Id.ShouldBeGreaterThan(entries[i - 1].Id);
        }
    }

    /// <summary>Records each call and what the writing context saw of the log at that moment.</summary>
    private sealed class RecordingHook : IRevocationLogWriteHook
    {
        public List<(long LastId, long LastIdVisibleToHook)> Calls { get; } = [];

        public async Task OnEntriesWrittenAsync(DbContext context, long lastId, CancellationToken cancellationToken)
        {
            var visible = await context.Set<RevocationEntity>().MaxAsync(r => r.Id, cancellationToken);
            Calls.Add((lastId, visible));
        }
    }

    private sealed class FailingHook : IRevocationLogWriteHook
    {
        public Task OnEntriesWrittenAsync(DbContext context, long lastId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The hook failed before the commit.");
    }
}
