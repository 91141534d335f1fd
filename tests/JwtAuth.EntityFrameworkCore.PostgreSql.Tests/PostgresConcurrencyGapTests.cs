using JwtAuth.Testing;
using System.Diagnostics;
using System.Globalization;
using JwtAuth.EntityFrameworkCore.Tests.Contract;
using JwtAuth.Revocation;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JwtAuth.EntityFrameworkCore.PostgreSql.Tests;

/// <summary>
/// Interleavings of concurrent store calls that PostgreSQL's READ COMMITTED allows and SQLite's
/// single writer does not. Each test forces its interleaving with a row lock held by a third
/// connection (released once the store calls wait on it), so it is deterministic. Both failed
/// before the store took one lock order (user epoch, session, tokens) for every writer and
/// serialised the endings of one user's sessions on the epoch row.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresConcurrencyGapTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private string _connectionString = "";
    private string _database = "";

    public async Task InitializeAsync()
    {
        if (postgres.SkipReason is not null)
        {
            return;
        }

        _connectionString = await postgres.CreateDatabaseAsync("gaps");
        _database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await postgres.ExecuteAsync("postgres", $"DROP DATABASE \"{_database}\" WITH (FORCE)");
    }

    [SkippableFact]
    public async Task EndSessions_TwoConcurrentEndsOfOneSession_OnlyOneReportsIt()
    {
        postgres.EnsureAvailable();
        var session = Session();
        await using (var context = CreateContext())
        {
            await Store(context).CreateSessionAsync(session, null, default);
        }

        await using var blocker = await LockRowAsync("jwtauth_sessions", session.Id);
        await using var first = CreateContext();
        await using var second = CreateContext();
        var ending = new[] { Store(first), Store(second) }.Select(store => store.EndSessionsAsync(End(), default)).ToList();
        // Both have selected the session and wait to update it.
        await WaitForLockWaitsAsync(2);
        await blocker.CommitAsync();
        var results = await Task.WhenAll(ending);

        results.Sum(entries => entries.Count).ShouldBe(1);
        await using var reader = CreateContext();
        (await Store(reader).ReadRevocationsAsync(0, 100, default)).Count(e => e.Kind == RevocationKind.Session).ShouldBe(1);
    }

    [SkippableFact]
    public async Task TryRotate_RacingEndSessions_IsNotReportedAsUnavailable()
    {
        postgres.EnsureAvailable();
        var session = Session();
        var first = Token(session, T0);
        var current = Token(session, T0.AddMinutes(1));
        await using (var context = CreateContext())
        {
            await Store(context).CreateSessionAsync(session, first, default);
            (await Store(context).TryRotateAsync(first.Id, current, T0.AddMinutes(1), default)).ShouldBeTrue();
        }

        // Holds EndSessions between its session update and its token update (it reaches the
        // rotated-out token first); the refresh then locks the current token and waits for the session.
        await using var blocker = await LockRowAsync("jwtauth_refresh_tokens", first.Id);
        await using var ender = CreateContext();
        await using var rotator = CreateContext();
        var ending = Store(ender).EndSessionsAsync(End(), default);
        await WaitForLockWaitsAsync(1);
        var successor = Token(session, T0.AddHours(1));
        var rotating = Store(rotator).TryRotateAsync(current.Id, successor, T0.AddHours(1), default);
        await WaitForLockWaitsAsync(2);
        await blocker.CommitAsync();

        // Either order is fine (the refresh loses, or wins and its successor is blacklisted); a 503 is not.
        var entries = await ending;
        var rotated = await rotating;
        entries.ShouldHaveSingleItem();
        await using var reader = CreateContext();
        var state = await Store(reader).FindRefreshTokenAsync(rotated ? successor.Id : current.Id, default);
        state!.Token.BlacklistedAt.ShouldNotBeNull();
    }

    private TestSessionDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<TestSessionDbContext>().UseNpgsql(_connectionString).Options);

    private static EntityFrameworkSessionStore<TestSessionDbContext> Store(TestSessionDbContext context) => new(context);

    private static SessionRecord Session() => new()
    {
        Id = Guid.NewGuid(),
        UserId = "alice",
        CreatedAt = T0,
        LastUsedAt = T0,
        ExpiresAt = T0.AddDays(30),
        RefreshExpiresAt = T0.AddDays(1),
        TokensExpireAt = T0,
    };

    private static RefreshTokenRecord Token(SessionRecord session, DateTimeOffset issuedAt) => new()
    {
        Id = Guid.NewGuid(),
        SessionId = session.Id,
        UserId = session.UserId,
        IssuedAt = issuedAt,
        ExpiresAt = issuedAt.AddDays(1),
    };

    private static SessionEndRequest End() => new()
    {
        UserId = "alice",
        Reason = SessionEndReasons.LogoutAll,
        Now = T0.AddHours(1),
        ClockSkew = TimeSpan.Zero,
        UserCutOffRetention = TimeSpan.FromMinutes(5),
    };

    /// <summary>Locks one row in a transaction of a third connection; committing the transaction releases it (and disposing closes the connection).</summary>
    private async Task<LockedRow> LockRowAsync(string table, Guid id)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"SELECT 1 FROM {table} WHERE \"Id\" = @id FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        (await command.ExecuteScalarAsync()).ShouldNotBeNull();
        return new LockedRow(connection, transaction);
    }

    /// <summary>Waits until <paramref name="count"/> connections to the test's database wait on a lock.</summary>
    private async Task WaitForLockWaitsAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (Convert.ToInt32(
            await postgres.ExecuteAsync("postgres", $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database}' AND wait_event_type = 'Lock'"),
            CultureInfo.InvariantCulture) < count)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"Waited 15 s for {count} connection(s) to wait on a lock.");
            }

            await Task.Delay(5);
        }
    }

    private sealed class LockedRow(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
