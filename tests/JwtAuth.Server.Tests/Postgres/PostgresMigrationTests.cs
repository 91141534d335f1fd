using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Postgres;

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresMigrationTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Postgres_HandWrittenMigrations_MatchTheModel()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("migrations");
        await using var host = await PostgresInstances.StartAsync(connectionString, "m", new ManualTimeProvider());
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PostgresServerDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(["20261122000000_Initial"]);
        db.Database.HasPendingModelChanges().ShouldBeFalse(MigrationTests.Differences(db));
    }
}
