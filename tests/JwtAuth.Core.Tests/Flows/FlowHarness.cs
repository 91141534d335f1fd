using JwtAuth.Testing;
using JwtAuth.Flows;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Tests.Flows;

/// <summary>The core alone: its flows over an in-memory store, fake users and a fake clock.</summary>
internal sealed class FlowHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public FlowHarness(Action<JwtAuthOptions>? configure = null, ISessionStore? store = null)
    {
        Store = store ?? new InMemorySessionStore();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["JwtAuth:SigningKey"] = TestOptions.Hs256Key }).Build());
        services.AddSingleton<TimeProvider>(Time);
        JwtAuthCoreServices.Add(services, "JwtAuth").UseUsers<FakeUsers>().Configure(configure ?? (_ => { }));
        services.Replace(ServiceDescriptor.Singleton(Store));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ISessionStore Store { get; }

    public TokenServices Tokens => _services.GetRequiredService<TokenServices>();

    public RevocationRegistry Registry => _services.GetRequiredService<RevocationRegistry>();

    public static ClientInfo Client { get; } = new("203.0.113.9", "flow-tests");

    /// <summary>Runs <paramref name="flow"/> in its own scope, as one request would.</summary>
    public async Task<TResult> RunAsync<TFlow, TResult>(Func<TFlow, Task<TResult>> flow)
        where TFlow : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await flow(scope.ServiceProvider.GetRequiredService<TFlow>());
    }

    public Task<TokenResult> LoginAsync(JwtAuthUser user, string password = "secret-password") =>
        RunAsync<ObtainFlow, TokenResult>(flow => flow.ObtainAsync(user.UserName, password, sliding: false, Client, default));

    public Task<TokenResult> RefreshAsync(string refresh) =>
        RunAsync<RefreshFlow, TokenResult>(flow => flow.RefreshAsync(refresh, Client, default));

    public Task<TokenResult> VerifyAsync(string token) =>
        RunAsync<VerifyFlow, TokenResult>(flow => flow.VerifyAsync(token, default));

    /// <summary>The handler's rule for a bearer token, read from the token's claims.</summary>
    public async Task<bool> BearerIsRevokedAsync(string access)
    {
        var contents = (await Tokens.Validator.ValidateAsync(access)).Contents!;
        return Tokens.IsRevoked(contents.Type, contents.SessionId, contents.UserId, contents.IssuedAt);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
