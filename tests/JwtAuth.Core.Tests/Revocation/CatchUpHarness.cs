using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Revocation;

/// <summary>
/// One node's catch-up over a <see cref="RevocationLogStore"/> and a fake clock. The background loop
/// is not started: the test runs each round itself, so nothing depends on timing.
/// </summary>
internal sealed class CatchUpHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public CatchUpHarness(IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?> { ["JwtAuth:SigningKey"] = TestOptions.Hs256Key };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton<TimeProvider>(Time);
        JwtAuthCoreServices.Add(services, "JwtAuth").UseUsers<FakeUsers>();
        services.Replace(ServiceDescriptor.Singleton<ISessionStore>(Store));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public RevocationLogStore Store { get; } = new();

    public RevocationRegistry Registry => _services.GetRequiredService<RevocationRegistry>();

    public RevocationSync Sync => _services.GetServices<IHostedService>().OfType<RevocationSync>().Single();

    /// <summary>The readiness check of this node's catch-up.</summary>
    public IHealthCheck CreateHealthCheck() => ActivatorUtilities.CreateInstance<RevocationCatchUpHealthCheck>(_services);

    /// <summary>One catch-up round, as the loop runs every interval or on a notification.</summary>
    public Task RoundAsync() => Sync.CatchUpAsync(CancellationToken.None);

    /// <summary>Moves the clock on, then runs one round.</summary>
    public Task RoundAfterAsync(TimeSpan wait)
    {
        Time.Advance(wait);
        return RoundAsync();
    }

    /// <summary>Whether this node refuses the session that log entry <paramref name="id"/> revokes.</summary>
    public bool Applied(long id) => Registry.IsSessionRevoked(Store.SessionOf(id));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
