using System.Security.Cryptography;

namespace JwtAuth.Interop.Tests;

/// <summary>An RS256 and an ES256 server (started together) whose keys verifiers find through the JWKS and discovery.</summary>
public sealed class JwksInteropFixture : IAsyncLifetime
{
    private readonly Dictionary<string, InteropServer> _servers = [];

    public InteropServer this[string algorithm] => _servers[algorithm];

    public async Task InitializeAsync()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rs256 = InteropServer.StartAsync("RS256", rsa.ExportPkcs8PrivateKeyPem(), issuerAndAudience: true);
        var es256 = InteropServer.StartAsync("ES256", ecdsa.ExportPkcs8PrivateKeyPem(), issuerAndAudience: true);
        _servers["RS256"] = await rs256;
        _servers["ES256"] = await es256;
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
