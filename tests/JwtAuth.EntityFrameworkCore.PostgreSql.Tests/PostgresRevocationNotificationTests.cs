using JwtAuth.Testing;
using System.Diagnostics;
using System.Globalization;
using JwtAuth.EntityFrameworkCore.Tests.Contract;
using JwtAuth.Revocation;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace JwtAuth.EntityFrameworkCore.PostgreSql.Tests;

/// <summary>
/// LISTEN/NOTIFY as a host wires it with <c>UsePostgreSqlRevocations</c>: the store's write hook
/// (<c>PostgresRevocationNotifier</c>) sends <c>pg_notify</c> in the transaction of
/// <see cref="ISessionStore.EndSessionsAsync"/>, and a listener (<c>PostgresRevocationListener</c>)
/// on the same database wakes. Both types are internal; they are reached through the services that
/// registration adds (<see cref="IRevocationLogWriteHook"/>, <see cref="IRevocationSignal"/> and the
/// hosted service behind it), as a host reaches them.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresRevocationNotificationTests(PostgresServer postgres) : IAsyncLifetime
{
    /// <summary>The channel both sides name (lower case, unquoted).</summary>
    private const string Channel = "jwtauth_revocations";

    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        if (postgres.SkipReason is not null)
        {
            return;
        }

        _connectionString = await postgres.CreateDatabaseAsync("notify");
        await using var context = CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await postgres.ExecuteAsync("postgres", $"DROP DATABASE \"{new NpgsqlConnectionStringBuilder(_connectionString).Database}\" WITH (FORCE)");
    }

    [SkippableFact]
    public async Task EndSessions_WithThePostgresHook_WakesTheListener()
    {
        postgres.EnsureAvailable();
        await using var services = BuildServices();
        var hook = services.GetRequiredService<IRevocationLogWriteHook>();
        var signal = services.GetRequiredService<IRevocationSignal>();
        // The signal is the listener, a BackgroundService that the host would start.
        var listener = signal.ShouldBeAssignableTo<IHostedService>()!;
        await listener.StartAsync(default);
        try
        {
            // It wakes once on connecting, after its LISTEN: from then on notifications reach it.
            (await WaitAsync(signal, TimeSpan.FromSeconds(30))).ShouldBeTrue("the listener never connected");
            (await WaitAsync(signal, TimeSpan.FromMilliseconds(300))).ShouldBeFalse("a wake-up was pending before anything was written");

            // Written without the hook: nobody is told (polling would find it later).
            await LoginAsync("alice");
            await using (var plain = CreateContext())
            {
                (await new EntityFrameworkSessionStore<TestSessionDbContext>(plain).EndSessionsAsync(End("alice"), default)).ShouldNotBeEmpty();
            }

            (await WaitAsync(signal, TimeSpan.FromMilliseconds(500))).ShouldBeFalse("a write without the hook woke the listener");

            // Written with the hook, on another context as another instance would: the listener wakes.
            await LoginAsync("bob");
            await using (var writer = CreateContext())
            {
                (await new EntityFrameworkSessionStore<TestSessionDbContext>(writer, hook).EndSessionsAsync(End("bob"), default)).ShouldNotBeEmpty();
            }

            (await WaitAsync(signal, TimeSpan.FromSeconds(30))).ShouldBeTrue("the notification did not wake the listener");
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }

    [SkippableFact]
    public async Task EndSessions_WithThePostgresHook_NotifiesTheChannelWithTheLastId_OnlyWhenItCommits()
    {
        postgres.EnsureAvailable();
        await using var services = BuildServices();
        var hook = services.GetRequiredService<IRevocationLogWriteHook>();
        await using var listening = new NpgsqlConnection(_connectionString);
        await listening.OpenAsync();
        var payloads = new List<string>();
        listening.Notification += (_, e) =>
        {
            e.Channel.ShouldBe(Channel);
            payloads.Add(e.Payload);
        };
        await using (var listen = new NpgsqlCommand("LISTEN " + Channel, listening))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await LoginAsync("alice");
        await LoginAsync("alice");
        await using var writer = CreateContext();
        var entries = await new EntityFrameworkSessionStore<TestSessionDbContext>(writer, hook)
            .EndSessionsAsync(End("alice") with { CutOffUser = true }, default);

        (await listening.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue("no notification arrived");
        payloads.ShouldBe([entries.Max(e => e.Id).ToString(CultureInfo.InvariantCulture)]);

        // A write that fails after the hook ran rolls back, and its notification goes with it.
        await LoginAsync("bob");
        await using var failing = CreateContext();
        var failingStore = new EntityFrameworkSessionStore<TestSessionDbContext>(failing, new ThenFail(hook));
        await Should.ThrowAsync<InvalidOperationException>(() => failingStore.EndSessionsAsync(End("bob"), default));
        (await listening.WaitAsync(TimeSpan.FromMilliseconds(500))).ShouldBeFalse("a rolled-back write notified");
        payloads.Count.ShouldBe(1);
    }

    [SkippableFact]
    public async Task NotificationsAlone_AsAResourceServerRegistersThem_WakeOnEveryAnnouncedWrite()
    {
        postgres.EnsureAvailable();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJwtAuthPostgreSqlNotifications(options =>
        {
            options.ConnectionString = _connectionString;
            options.ApplicationName = "jwtauth-resource-server-listener";
        });
        await using var provider = services.BuildServiceProvider();
        var listener = provider.GetServices<IHostedService>().ShouldHaveSingleItem();
        var signal = provider.GetRequiredService<IRevocationSignal>();
        await listener.StartAsync(default);
        try
        {
            (await WaitAsync(signal, TimeSpan.FromSeconds(30))).ShouldBeTrue("the listener never connected");
            (await WaitAsync(signal, TimeSpan.FromMilliseconds(300))).ShouldBeFalse("a wake-up was pending before anything was written");

            // What a server node's write sends in its transaction.
            await using (var connection = new NpgsqlConnection(_connectionString))
            {
                await connection.OpenAsync();
                await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', '1')", connection);
                await notify.ExecuteNonQueryAsync();
            }

            (await WaitAsync(signal, TimeSpan.FromSeconds(30))).ShouldBeTrue("the announced write did not wake the follower");
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJwtAuth().UsePostgreSqlRevocations(options =>
        {
            options.ConnectionString = _connectionString;
            options.ApplicationName = "jwtauth-ef-tests-listener";
        });
        return services.BuildServiceProvider();
    }

    private TestSessionDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<TestSessionDbContext>().UseNpgsql(_connectionString).Options);

    private async Task LoginAsync(string userId)
    {
        var session = new SessionRecord
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = Now.AddHours(-1),
            LastUsedAt = Now.AddHours(-1),
            ExpiresAt = Now.AddDays(30),
            RefreshExpiresAt = Now.AddDays(1),
            TokensExpireAt = Now,
        };
        await using var context = CreateContext();
        await new EntityFrameworkSessionStore<TestSessionDbContext>(context).CreateSessionAsync(session, null, default);
    }

    private static SessionEndRequest End(string userId) => new()
    {
        UserId = userId,
        Reason = SessionEndReasons.Logout,
        Now = Now,
        ClockSkew = TimeSpan.Zero,
        UserCutOffRetention = TimeSpan.FromMinutes(5),
    };

    /// <summary>
    /// Whether the signal woke rather than timed out: <see cref="IRevocationSignal.WaitAsync"/>
    /// completes either way and does not say which, so the time it took tells. A wake-up comes within
    /// milliseconds; half the timeout leaves a timer that fires a little early no room to pass for one.
    /// </summary>
    private static async Task<bool> WaitAsync(IRevocationSignal signal, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        await signal.WaitAsync(timeout, default);
        return clock.Elapsed < timeout / 2;
    }

    /// <summary>Runs the real hook (its <c>pg_notify</c> joins the transaction), then fails before the commit.</summary>
    private sealed class ThenFail(IRevocationLogWriteHook inner) : IRevocationLogWriteHook
    {
        public async Task OnEntriesWrittenAsync(DbContext context, long lastId, CancellationToken cancellationToken)
        {
            await inner.OnEntriesWrittenAsync(context, lastId, cancellationToken);
            throw new InvalidOperationException("Failed after notifying, before the commit.");
        }
    }
}
