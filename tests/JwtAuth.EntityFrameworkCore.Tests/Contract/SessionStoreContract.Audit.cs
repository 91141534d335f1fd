using JwtAuth.Audit;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests.Contract;

/// <summary>
/// The audit trail's store: events of a session's start and end commit with that write (and only
/// when it writes), an append joins the caller's transaction, and the filters, order and pruning.
/// </summary>
public abstract partial class SessionStoreContract
{
    [SkippableFact]
    public async Task Audit_EventsOfASessionsStartAndEnd_AreStoredOnlyWhenTheWriteHappens()
    {
        var session = NewSession("alice", T0);
        (await NewStore().CreateSessionAsync(session, NewToken(session, T0), 0, Event(AuditEventKinds.LoginSucceeded, "alice", T0, session.Id), default)).ShouldBeTrue();
        var late = NewSession("alice", T0);
        (await NewStore().CreateSessionAsync(late, NewToken(late, T0), 7, Event(AuditEventKinds.LoginSucceeded, "alice", T0, late.Id), default)).ShouldBeFalse();
        (await NewStore().EndSessionsAsync(End("alice", T0.AddMinutes(1)) with { SessionId = session.Id, Audit = Event(AuditEventKinds.SessionEnded, "alice", T0.AddMinutes(1), session.Id) }, default)).ShouldNotBeEmpty();
        (await NewStore().EndSessionsAsync(End("alice", T0.AddMinutes(2)) with { SessionId = session.Id, Audit = Event(AuditEventKinds.SessionEnded, "alice", T0.AddMinutes(2), session.Id) }, default)).ShouldBeEmpty();

        var page = await AuditStore().ListAsync(new AuditQuery(), 0, 10, default);

        page.Total.ShouldBe(2);
        page.Events.Select(e => (e.Kind, e.SessionId, e.OccurredAt)).ShouldBe([
            (AuditEventKinds.SessionEnded, session.Id, T0.AddMinutes(1)),
            (AuditEventKinds.LoginSucceeded, session.Id, T0)]);
        page.Events[1].ShouldBe(Event(AuditEventKinds.LoginSucceeded, "alice", T0, session.Id) with { Id = page.Events[1].Id });
    }

    [SkippableFact]
    public async Task Audit_AnAppendInsideTheCallersTransaction_RollsBackWithIt()
    {
        var context = NewContext();
        var store = new EntityFrameworkAuditEventStore<TestSessionDbContext>(context);
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await store.AppendAsync(Event(AuditEventKinds.UserDisabled, "alice", T0), default);
            await transaction.RollbackAsync();
        }

        await store.AppendAsync(Event(AuditEventKinds.UserEnabled, "alice", T0), default);

        (await AuditStore().ListAsync(new AuditQuery(), 0, 10, default)).Events.Select(e => e.Kind).ShouldBe([AuditEventKinds.UserEnabled]);
    }

    [SkippableFact]
    public async Task Audit_ListsMatchingEventsNewestFirst_AndPrunesOlderOnesInBatches()
    {
        var session = Guid.NewGuid();
        var store = AuditStore();
        await store.AppendAsync(Event(AuditEventKinds.LoginFailed, "alice", T0), default);
        await store.AppendAsync(Event(AuditEventKinds.LoginSucceeded, "alice", T0.AddMinutes(1), session), default);
        await store.AppendAsync(Event(AuditEventKinds.LoginSucceeded, "bob", T0.AddMinutes(2)), default);
        await store.AppendAsync(Event(AuditEventKinds.SessionEnded, "alice", T0.AddMinutes(3), session), default);

        async Task<IEnumerable<DateTimeOffset>> TimesAsync(AuditQuery query) =>
            (await AuditStore().ListAsync(query, 0, 10, default)).Events.Select(e => e.OccurredAt);

        (await TimesAsync(new AuditQuery { UserId = "alice" })).ShouldBe([T0.AddMinutes(3), T0.AddMinutes(1), T0]);
        (await TimesAsync(new AuditQuery { Kind = AuditEventKinds.LoginSucceeded })).ShouldBe([T0.AddMinutes(2), T0.AddMinutes(1)]);
        (await TimesAsync(new AuditQuery { SessionId = session })).ShouldBe([T0.AddMinutes(3), T0.AddMinutes(1)]);
        (await TimesAsync(new AuditQuery { From = T0.AddMinutes(1), To = T0.AddMinutes(3) })).ShouldBe([T0.AddMinutes(2), T0.AddMinutes(1)]);
        var second = await AuditStore().ListAsync(new AuditQuery(), 1, 2, default);
        second.Total.ShouldBe(4);
        second.Events.Select(e => e.OccurredAt).ShouldBe([T0.AddMinutes(2), T0.AddMinutes(1)]);

        (await AuditStore().PruneAsync(T0.AddMinutes(3), 2, default)).ShouldBe(2);
        (await AuditStore().PruneAsync(T0.AddMinutes(3), 2, default)).ShouldBe(1);
        (await AuditStore().PruneAsync(T0.AddMinutes(3), 2, default)).ShouldBe(0);
        (await TimesAsync(new AuditQuery())).ShouldBe([T0.AddMinutes(3)]);
    }

    private EntityFrameworkAuditEventStore<TestSessionDbContext> AuditStore() => new(NewContext());

    private static AuditEvent Event(string kind, string userId, DateTimeOffset at, Guid? sessionId = null) => new()
    {
        Kind = kind,
        OccurredAt = at,
        UserId = userId,
        SessionId = sessionId,
        ActorId = "admin-1",
        IpAddress = "2001:db8::7",
        UserAgent = "contract-test/1.0",
        Detail = "detail",
    };
}
