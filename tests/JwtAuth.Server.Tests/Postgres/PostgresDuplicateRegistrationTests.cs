using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>The unique index refuses the second insert with 23505: a 400 like a sequential duplicate, not a 500.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresDuplicateRegistrationTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task ConcurrentRegistrationsOfOneName_TheLoserAnswers400()
    {
        postgres.EnsureAvailable();
        var gate = new RegistrationGate();
        await using var host = await PostgresHosts.StartAsync(postgres, "dup", gate.Add);
        await DuplicateRegistrations.LoserAnswers400AlreadyExists(host, gate);
    }
}
