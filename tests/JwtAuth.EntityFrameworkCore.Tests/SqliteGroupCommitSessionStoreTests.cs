using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore.Tests;

/// <summary>The store contract on SQLite with every write group-committed, as <c>UseEntityFrameworkCore</c> registers the store.</summary>
public sealed class SqliteGroupCommitSessionStoreTests : SqliteSessionStoreTests
{
    protected override bool GroupCommit => true;

    [Fact]
    public async Task ABatchTakesTheWriteLockWhenItBegins_NotWhenItFirstWrites()
    {
        // A deferred BEGIN would read under a shared lock and upgrade at its first write, where two
        // writers wait on each other's lock until the busy timeout; BEGIN IMMEDIATE queues them at the start.
        var batch = NewContext();
        await using var transaction = await batch.Database.BeginTransactionAsync();

        await using var other = new SqliteConnection(batch.Database.GetConnectionString());
        await other.OpenAsync();
        await using var begin = other.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.CommandTimeout = 1;
        var busy = await Should.ThrowAsync<SqliteException>(() => begin.ExecuteNonQueryAsync());
        busy.SqliteErrorCode.ShouldBe(SQLitePCL.raw.SQLITE_BUSY);
    }
}
