namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>A test class with its own server and client, seeded once before each test.</summary>
public abstract class ServerTestBase : IAsyncLifetime
{
    protected TestServerHost Host { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestServerHost.StartAsync(Settings);
        Client = Host.CreateClient();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Configuration the server of this class starts with, on top of the test defaults.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Creates the users and tokens every test of the class starts from.</summary>
    protected abstract Task SeedAsync();
}
