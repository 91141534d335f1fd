using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>The race of two registrations for one number, on SQLite (its own server: the gate replaces a validator).</summary>
public sealed class SqliteNumericIdRaceTests
{
    [Fact]
    public async Task ConcurrentRegistrations_TakeDifferentNumbers()
    {
        var gate = new RegistrationGate();
        await using var host = await TestServerHost.StartAsync(services: gate.Add);
        await NumericIdRaces.BothRegistrationsGetTheirOwnNumber(host, gate);
    }
}
