using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>A server on a new PostgreSQL database, as <see cref="PostgresInstances"/> starts one, with services a test replaces.</summary>
public static class PostgresHosts
{
    public static async Task<TestServerHost> StartAsync(
        PostgresServer postgres, string prefix, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        var configuration = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = connectionString,
            ["JwtAuth:Revocation:Postgres:ApplicationName"] = PostgresInstances.ListenerName(connectionString, prefix),
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        return await TestServerHost.StartAsync(configuration, time: new FakeTimeProvider(DateTimeOffset.UtcNow), services: services);
    }
}
