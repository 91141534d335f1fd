using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Postgres;

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresMigrationTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Postgres_Migrations_MatchTheModel()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("migrations");
        await using var host = await PostgresInstances.StartAsync(connectionString, "m", new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PostgresServerDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().ShouldBeFalse(MigrationTests.Differences(db));
    }

    [SkippableFact]
    public async Task Startup_OfTwoInstancesAtOnce_OnAnEmptyDatabase_MigratesOnceAndBothServe()
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("migrations");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Replicas of one deployment start together; the migration lock makes one wait for the other.
        var hosts = await Task.WhenAll(
            PostgresInstances.StartAsync(connectionString, "a", time),
            PostgresInstances.StartAsync(connectionString, "b", time));
        await using var a = hosts[0];
        await using var b = hosts[1];

        await a.RegisterAsync("alice");
        (await b.LoginAsync("alice")).Access.ShouldNotBeEmpty();
        using var scope = b.Services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<PostgresServerDbContext>().Database;
        (await database.GetAppliedMigrationsAsync()).ShouldBe(database.GetMigrations());
    }
}
