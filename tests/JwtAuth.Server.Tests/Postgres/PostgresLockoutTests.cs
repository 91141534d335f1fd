using System.Net;
using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>The lockout's counting statement (a conditional UPDATE of a timestamptz) on PostgreSQL.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresLockoutTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task WrongPasswords_LockTheAccount_UntilTheLockoutEnds()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresHosts.StartAsync(postgres, "lockout", settings: new Dictionary<string, string?> { ["Identity:Lockout:MaxFailedAccessAttempts"] = "3" });
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.PostJsonAsync("/api/token/", new { username = "alice", password = "wrong-password" })));
        await host.FailuresCountedAsync();

        (await client.PostJsonAsync("/api/token/", new { username = "alice", password = "password-1234" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await host.LoginAsync("alice");
    }
}
