using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>The races for one number, on SQLite (each its own server: the gate replaces a validator).</summary>
public sealed class SqliteNumericIdRaceTests
{
    [Fact]
    public async Task ConcurrentRegistrations_TakeDifferentNumbers()
    {
        var gate = new RegistrationGate();
        await using var host = await TestServerHost.StartAsync(services: gate.Add);
        await NumericIdRaces.ConcurrentRegistrations_TakeDifferentNumbers(host, gate);
    }

    [Fact]
    public async Task ANumberTakenElsewhere_IsSkipped()
    {
        var gate = new RegistrationGate();
        await using var host = await TestServerHost.StartAsync(services: gate.Add);
        await NumericIdRaces.ANumberTakenElsewhere_IsSkipped(host, gate);
    }
}
