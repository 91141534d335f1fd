using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Data;

/// <summary>The server's SQLite contexts: pooled, and every connection they open waits for locks.</summary>
public sealed class SqliteConnectionTests
{
    [Fact]
    public async Task EveryOpenedConnection_HasTheBusyTimeout()
    {
        await using var host = await TestServerHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                (await command.ExecuteScalarAsync()).ShouldBe((long)SqliteBusyTimeoutInterceptor.BusyTimeoutMilliseconds);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    [Fact]
    public async Task Contexts_AreReturnedToThePool_AndLeasedAgain_AsTheServerDbContextToo()
    {
        await using var host = await TestServerHost.StartAsync();
        var leased = new HashSet<SqliteServerDbContext>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 20; i++)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<SqliteServerDbContext>();
            scope.ServiceProvider.GetRequiredService<ServerDbContext>().ShouldBeSameAs(db);
            leased.Add(db);
        }

        // Twenty requests one after another: a few pooled contexts, not twenty new ones.
        leased.Count.ShouldBeLessThan(5);
    }
}
