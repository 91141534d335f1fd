using JwtAuth.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests;

/// <summary>
/// <see cref="EntityFrameworkImportedRefreshTokenStore{TContext}"/> on SQLite: imports are
/// repeatable, and of concurrent redemptions of one token, each on a context of its own as
/// requests have, exactly one wins.
/// </summary>
public sealed class SqliteImportedRefreshTokenStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jwtauth-import-" + Guid.NewGuid().ToString("N")[..12]);

    private readonly List<DbContext> _contexts = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Import_AddsNewTokens_BlacklistsKnownOutstandingOnes_AndNeverRevivesARedeemedOne()
    {
        var store = NewStore();
        ImportedRefreshToken outstanding = Token(), later = Token(), redeemed = Token();
        (await store.ImportAsync([outstanding, later, redeemed], T0, default)).ShouldBe(new ImportedRefreshTokenCounts(3, 0, 0));
        (await store.TryRedeemAsync(redeemed.Id, T0, default)).ShouldBeTrue();

        var again = await NewStore().ImportAsync(
            [outstanding, later with { State = ImportedRefreshTokenState.Blacklisted }, redeemed with { State = ImportedRefreshTokenState.Blacklisted }], T0, default);

        again.ShouldBe(new ImportedRefreshTokenCounts(0, 1, 2));
        (await store.FindAsync(outstanding.Id, default))!.State.ShouldBe(ImportedRefreshTokenState.Outstanding);
        (await store.FindAsync(later.Id, default))!.State.ShouldBe(ImportedRefreshTokenState.Blacklisted);
        (await store.FindAsync(redeemed.Id, default))!.State.ShouldBe(ImportedRefreshTokenState.Redeemed);
        (await store.FindAsync(Guid.NewGuid(), default)).ShouldBeNull();
    }

    [Fact]
    public async Task TryRedeem_ConcurrentlyOnSeparateContexts_ExactlyOneWins_AndThenNothingElseChangesIt()
    {
        var token = Token();
        await NewStore().ImportAsync([token], T0, default);
        var stores = Enumerable.Range(0, 16).Select(_ => NewStore()).ToList();

        var results = await Task.WhenAll(stores.Select(store => Task.Run(() => store.TryRedeemAsync(token.Id, T0, default))));

        results.Count(won => won).ShouldBe(1);
        (await NewStore().TryRedeemAsync(token.Id, T0, default)).ShouldBeFalse();
        (await NewStore().TryBlacklistAsync(token.Id, T0, default)).ShouldBeFalse();
        (await NewStore().FindAsync(token.Id, default))!.State.ShouldBe(ImportedRefreshTokenState.Redeemed);
    }

    [Fact]
    public async Task TryBlacklist_OfAnOutstandingToken_BlacklistsIt_OnceAndForRedeemToo()
    {
        var token = Token();
        await NewStore().ImportAsync([token], T0, default);

        (await NewStore().TryBlacklistAsync(token.Id, T0, default)).ShouldBeTrue();

        (await NewStore().TryBlacklistAsync(token.Id, T0, default)).ShouldBeFalse();
        (await NewStore().TryRedeemAsync(token.Id, T0, default)).ShouldBeFalse();
    }

    [Fact]
    public async Task Prune_DeletesOnlyExpiredTokens_ABatchAtATime()
    {
        ImportedRefreshToken early = Token() with { ExpiresAt = T0.AddHours(1) }, later = Token() with { ExpiresAt = T0.AddHours(2) }, live = Token();
        var store = NewStore();
        await store.ImportAsync([early, later, live], T0, default);

        (await store.PruneAsync(T0.AddHours(2), 1, default)).ShouldBe(1);
        (await store.FindAsync(early.Id, default)).ShouldBeNull();
        (await store.PruneAsync(T0.AddHours(2), 1, default)).ShouldBe(1);
        (await store.PruneAsync(T0.AddHours(2), 1, default)).ShouldBe(0);
        (await store.FindAsync(live.Id, default)).ShouldNotBeNull();
    }

    private static ImportedRefreshToken Token() => new()
    {
        Id = Guid.NewGuid(),
        UserId = "42",
        ExpiresAt = T0.AddDays(1),
        UserEpoch = 0,
        State = ImportedRefreshTokenState.Outstanding,
    };

    private EntityFrameworkImportedRefreshTokenStore<ImportDbContext> NewStore()
    {
        var context = CreateContext();
        _contexts.Add(context);
        return new EntityFrameworkImportedRefreshTokenStore<ImportDbContext>(context);
    }

    // A busy timeout, as the server sets: concurrent writers on one SQLite file wait for the lock.
    private ImportDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<ImportDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "import.db")};Default Timeout=30").Options);

    /// <summary>A host's context with JwtAuth's tables and the imported tokens' table.</summary>
    public sealed class ImportDbContext(DbContextOptions<ImportDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseJwtAuth().UseJwtAuthImportedRefreshTokens();
    }
}
