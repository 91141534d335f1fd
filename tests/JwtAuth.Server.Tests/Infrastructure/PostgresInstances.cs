using System.Diagnostics;
using JwtAuth.EntityFrameworkCore.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>Server instances on one PostgreSQL database, as behind a load balancer, and waits bounded in real time.</summary>
public static class PostgresInstances
{
    /// <summary>
    /// Starts one instance on <paramref name="connectionString"/>; its listening connection is
    /// named <c>jwtauth-listener-{name}</c> so a test can find it in <c>pg_stat_activity</c>.
    /// </summary>
    public static Task<TestServerHost> StartAsync(
        string connectionString,
        string name,
        FakeTimeProvider time,
        IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connectionString,
            ["JwtAuth:Revocation:Postgres:ApplicationName"] = ListenerName(connectionString, name),
            // EF Core logs every failed command at error level (the first start's history probe, each
            // query during an outage): the tests assert the answers, the log would only bury them.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return TestServerHost.StartAsync(configuration, time: time);
    }

    /// <summary>The listener's <c>application_name</c>: unique per database, so parallel runs never touch each other's.</summary>
    public static string ListenerName(string connectionString, string name)
    {
        var full = $"jwtauth-listener-{name}-{new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}";
        return full.Length <= 63 ? full : full[..63];
    }

    internal static PostgresRevocationListener Listener(this TestServerHost host) =>
        host.Services.GetRequiredService<PostgresRevocationListener>();

    /// <summary>Waits until the instance's listening connection is up.</summary>
    public static Task WaitUntilListeningAsync(this TestServerHost host, TimeSpan? limit = null) =>
        WaitUntilAsync(() => Task.FromResult(host.Listener().IsListening), limit ?? TimeSpan.FromSeconds(15), "the revocation listener to connect");

    /// <summary>Polls <paramref name="condition"/> every millisecond or so; how long it took, or a failure after <paramref name="limit"/>.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalMilliseconds} ms for {what}.");
            }

            await Task.Delay(1);
        }

        return clock.Elapsed;
    }
}
