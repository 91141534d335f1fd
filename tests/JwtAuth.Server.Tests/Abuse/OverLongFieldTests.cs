using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

public sealed class OverLongFieldTests : IAsyncLifetime
{
    private TestServerHost _host = null!;

    public async Task InitializeAsync() => _host = await TestServerHost.StartAsync();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteDatabase();
    }

    [Fact]
    public Task Register_WithUserNameOver256_Answers400() => OverLongFields.RegisterWithLongUserNameAnswers400(_host);

    [Fact]
    public Task Register_WithEmailOver256_Answers400() => OverLongFields.RegisterWithLongEmailAnswers400(_host);

    [Fact]
    public Task Register_WithFieldsOf256_IsAccepted() => OverLongFields.FieldsOf256AreAccepted(_host);

    [Fact]
    public Task Login_WithUserNameOver256_Answers400() => OverLongFields.LoginWithLongUserNameAnswers400(_host);
}
