using System.Collections.Concurrent;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Testing;
using JwtAuth.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Revocation;

/// <summary>
/// <see cref="RevocationKind.UserChanged"/> entries and the <see cref="IUserChangeObserver"/>s that
/// hear of them: on the node that writes them, and on another node that reads the shared log.
/// </summary>
public sealed class UserChangeTests : IAsyncDisposable
{
    private readonly InMemorySessionStore _log = new();
    private readonly Node _a;
    private readonly Node _b;

    public UserChangeTests()
    {
        _a = new Node(_log);
        _b = new Node(_log);
    }

    [Fact]
    public async Task RecordUserChange_LogsAUserChangedEntry_TellsThisNodesObservers_AndRefusesNothing()
    {
        await _a.RunAsync(sessions => sessions.RecordUserChangeAsync("alice"));

        _a.Observer.Heard.ShouldBe(["alice"]);
        var entry = (await _log.ReadRevocationsAsync(0, 100, default)).ShouldHaveSingleItem();
        (entry.Kind, entry.Subject).ShouldBe((RevocationKind.UserChanged, "alice"));
        (_a.Registry.SessionCount, _a.Registry.UserCount).ShouldBe((0, 0));
        _a.Registry.IsRevoked(Guid.Empty, "alice", _a.Time.GetUtcNow().ToUnixTimeSeconds() - 60).ShouldBeFalse();
    }

    [Fact]
    public async Task RecordUserChange_IsKeptForTheCatchUpsReReadWindow_PlusAGapTimeout_AnIntervalAndTheClockSkew()
    {
        await _a.RunAsync(sessions => sessions.RecordUserChangeAsync("alice"));

        // Defaults: re-read window 10 min, gap timeout 1 min, catch-up interval 2 s, clock skew allowance 1 min.
        var entry = (await _log.ReadRevocationsAsync(0, 100, default)).Single();
        var expected = _a.Time.GetUtcNow() + TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(2);
        entry.ExpiresAt.ShouldBeInRange(expected.ToUnixTimeSeconds(), expected.ToUnixTimeSeconds() + 2);
    }

    [Fact]
    public async Task EndAllSessions_TellsTheObservers_ButEndingOneSessionDoesNot()
    {
        await _a.RunAsync(sessions => sessions.EndSessionAsync("alice", Guid.CreateVersion7(), SessionEndReasons.Logout));
        _a.Observer.Heard.ShouldBeEmpty();

        await _a.RunAsync(sessions => sessions.EndAllSessionsAsync("alice", SessionEndReasons.UserDisabled));
        _a.Observer.Heard.ShouldBe(["alice"]);
    }

    [Fact]
    public async Task AnotherNode_HearsUserChangesAndCutOffs_WhenItReadsTheLog()
    {
        await _b.CatchUpAsync();
        await _a.RunAsync(sessions => sessions.RecordUserChangeAsync("alice"));
        await _a.RunAsync(sessions => sessions.EndAllSessionsAsync("bob", SessionEndReasons.UserDeleted));
        _b.Observer.Heard.ShouldBeEmpty();

        await _b.CatchUpAsync();

        _b.Observer.Heard.ShouldBe(["alice", "bob"]);
        // The registry took the cut-off and ignored the change.
        _b.Registry.UserCount.ShouldBe(1);
    }

    [Fact]
    public async Task AFailingObserver_IsLogged_AndTheOthersAreStillTold()
    {
        await using var node = new Node(_log, failingFirst: true);

        await node.RunAsync(sessions => sessions.RecordUserChangeAsync("alice"));

        node.Observer.Heard.ShouldBe(["alice"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    /// <summary>Records every user it is told of, in order.</summary>
    internal sealed class RecordingObserver : IUserChangeObserver
    {
        private readonly ConcurrentQueue<string> _heard = new();

        public IReadOnlyList<string> Heard => [.. _heard];

        public void OnUserChanged(string userId) => _heard.Enqueue(userId);
    }

    internal sealed class FailingObserver : IUserChangeObserver
    {
        public void OnUserChanged(string userId) => throw new InvalidOperationException("observer failed");
    }

    /// <summary>One node: the core over the shared log, with a recording observer; the catch-up is run by the test.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly ServiceProvider _services;

        public Node(InMemorySessionStore log, bool failingFirst = false)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["JwtAuth:SigningKey"] = TestOptions.Hs256Key }).Build());
            services.AddSingleton<TimeProvider>(Time);
            var jwtAuth = JwtAuthCoreServices.Add(services, "JwtAuth").UseUsers<FakeUsers>();
            if (failingFirst)
            {
                jwtAuth.AddUserChangeObserver<FailingObserver>();
            }

            jwtAuth.AddUserChangeObserver<RecordingObserver>().AddUserChangeObserver<RecordingObserver>();
            services.Replace(ServiceDescriptor.Singleton<ISessionStore>(log));
            _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        }

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        /// <summary>Registered twice, told once.</summary>
        public RecordingObserver Observer => _services.GetRequiredService<RecordingObserver>();

        public RevocationRegistry Registry => _services.GetRequiredService<RevocationRegistry>();

        public async Task RunAsync<T>(Func<IJwtAuthSessions, Task<T>> action)
        {
            await using var scope = _services.CreateAsyncScope();
            await action(scope.ServiceProvider.GetRequiredService<IJwtAuthSessions>());
        }

        public async Task RunAsync(Func<IJwtAuthSessions, Task> action)
        {
            await using var scope = _services.CreateAsyncScope();
            await action(scope.ServiceProvider.GetRequiredService<IJwtAuthSessions>());
        }

        public Task<int> CatchUpAsync() =>
            _services.GetServices<IHostedService>().OfType<RevocationSync>().Single().CatchUpAsync(default);

        public ValueTask DisposeAsync() => _services.DisposeAsync();
    }
}
