using Microsoft.Extensions.Options;

namespace JwtAuth.Tests;

/// <summary>An options monitor that always answers the same instance.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
