using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>Readiness follows the database: unhealthy while PostgreSQL is stopped, healthy again after.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresHealthTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Ready_TurnsUnhealthyWhenPostgresStops_AndHealthyWhenItIsBack()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("health");
        await using var node = await PostgresInstances.StartAsync(connectionString, "health", new FakeTimeProvider(DateTimeOffset.UtcNow));
        await node.WaitUntilListeningAsync();
        using var client = node.CreateClient();
        (await ReadyAsync(client)).ShouldBe(HttpStatusCode.OK);

        await postgres.StopAsync();
        try
        {
            await PostgresInstances.WaitUntilAsync(async () => await ReadyAsync(client) == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15), "ready to turn unhealthy");
            using var live = await client.GetAsync("/health/live");
            live.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await postgres.StartAsync();
        }

        // The database check answers at once; the listener reconnects within its backoff.
        await PostgresInstances.WaitUntilAsync(async () => await ReadyAsync(client) == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "ready to turn healthy again");
    }

    private static async Task<HttpStatusCode> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return response.StatusCode;
    }
}
