namespace JwtAuth.Interop.Tests;

/// <summary>One HS256 server for the PyJWT and Django tests, with the key they share.</summary>
public sealed class HmacInteropFixture : IAsyncLifetime
{
    public const string SigningKey = "interop-shared-hs256-key-0123456789abcdef";

    public InteropServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InteropServer.StartAsync("HS256", SigningKey, issuerAndAudience: false);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
