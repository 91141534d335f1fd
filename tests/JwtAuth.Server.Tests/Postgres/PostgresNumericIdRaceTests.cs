using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Accounts;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>The races for one number on PostgreSQL: the primary key refuses a taken number with 23505, and the insert takes the next.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresNumericIdRaceTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task ConcurrentRegistrations_TakeDifferentNumbers()
    {
        postgres.EnsureAvailable();
        var gate = new RegistrationGate();
        await using var host = await PostgresHosts.StartAsync(postgres, "numid", gate.Add);
        await NumericIdRaces.ConcurrentRegistrations_TakeDifferentNumbers(host, gate);
    }

    [SkippableFact]
    public async Task ANumberTakenElsewhere_IsSkipped()
    {
        postgres.EnsureAvailable();
        var gate = new RegistrationGate();
        await using var host = await PostgresHosts.StartAsync(postgres, "numidtaken", gate.Add);
        await NumericIdRaces.ANumberTakenElsewhere_IsSkipped(host, gate);
    }
}
