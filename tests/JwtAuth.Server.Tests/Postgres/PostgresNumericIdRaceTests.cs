using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Accounts;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>The primary key refuses the second insert of a number with 23505: the loser takes the next number.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresNumericIdRaceTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task ConcurrentRegistrations_TakeDifferentNumbers()
    {
        postgres.EnsureAvailable();
        var gate = new RegistrationGate();
        await using var host = await PostgresHosts.StartAsync(postgres, "numid", gate.Add);
        await NumericIdRaces.BothRegistrationsGetTheirOwnNumber(host, gate);
    }
}
