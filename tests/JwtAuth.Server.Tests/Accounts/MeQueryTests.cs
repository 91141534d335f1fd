using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Accounts;

public sealed class MeQueryTests
{
    [Fact]
    public async Task TheCompiledMeQuery_RunsOnSqliteAndPostgresContexts_InOneProcess()
    {
        await using var host = await TestServerHost.StartAsync();
        var id = await host.RegisterAsync("alice");
        using (var scope = host.Services.CreateScope())
        {
            (await MeQuery.ReadAsync(scope.ServiceProvider.GetRequiredService<ServerDbContext>(), id, default))!.UserName.ShouldBe("alice");
        }

        // A PostgreSQL context (another model) in the same process: the query reaches the database
        // (none listens here), instead of EF refusing a query compiled for the SQLite model.
        var options = new DbContextOptionsBuilder<PostgresServerDbContext>()
            .UseNpgsql("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=1")
            .Options;
        await using var postgres = new PostgresServerDbContext(options);
        var failure = await Should.ThrowAsync<Exception>(() => MeQuery.ReadAsync(postgres, id, default));
        var chain = new List<Exception>();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        chain.ShouldContain(e => e is Npgsql.NpgsqlException, failure.ToString());
    }
}
