using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

public sealed class DuplicateRegistrationTests
{
    [Fact]
    public async Task ConcurrentRegistrationsOfOneName_TheLoserAnswers400()
    {
        var gate = new RegistrationGate();
        await using var host = await TestServerHost.StartAsync(services: gate.Add);
        await DuplicateRegistrations.LoserAnswers400AlreadyExists(host, gate);
    }
}
