using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace JwtAuth.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task LiveAndReady_AnswerHealthy_WithoutAuthentication()
    {
        await using var host = await TestServerHost.StartAsync();
        using var client = host.CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy", path);
        }
    }

    [Fact]
    public async Task Ready_WithAMigrationNotApplied_IsUnhealthy_WithoutSayingWhy_WhileLiveStaysHealthy()
    {
        await using var host = await TestServerHost.StartAsync();
        await using (var db = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=false"))
        {
            await db.OpenAsync();
            await using var forget = db.CreateCommand();
            forget.CommandText = "DELETE FROM __EFMigrationsHistory WHERE MigrationId = (SELECT MAX(MigrationId) FROM __EFMigrationsHistory)";
            (await forget.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        using var client = host.CreateClient();

        using var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        using var live = await client.GetAsync("/health/live");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
