using JwtAuth.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>
/// Identity's password hasher, which records every verification and can hold verifications of one
/// password until the test releases them: a login parked inside its password hashing, for as long
/// as the test needs it there.
/// </summary>
public sealed class GatedPasswordHasher : IPasswordHasher<ServerUser>, IDisposable
{
    private readonly PasswordHasher<ServerUser> _inner = new();
    private readonly ManualResetEventSlim _release = new();
    private readonly SemaphoreSlim _parked = new(0);
    private readonly List<string> _verified = [];

    /// <summary>Verifications of this password wait for <see cref="Release"/>.</summary>
    public string? ParkPassword { get; init; }

    /// <summary>Verifications wait until this many are waiting, then all go on together.</summary>
    public Barrier? Together { get; set; }

    /// <summary>The stored hashes verified against, in order.</summary>
    public IReadOnlyList<string> Verified
    {
        get
        {
            lock (_verified)
            {
                return [.. _verified];
            }
        }
    }

    public void Add(IServiceCollection services) => services.AddSingleton<IPasswordHasher<ServerUser>>(this);

    public Task WaitUntilParkedAsync() => _parked.WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(
        waited => waited.Result ? Task.CompletedTask : throw new TimeoutException("No verification was parked within 30 s."), TaskScheduler.Default).Unwrap();

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Dispose();
        _parked.Dispose();
        Together?.Dispose();
    }

    public string HashPassword(ServerUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ServerUser user, string hashedPassword, string providedPassword)
    {
        lock (_verified)
        {
            _verified.Add(hashedPassword);
        }

        if (providedPassword == ParkPassword)
        {
            _parked.Release();
            _release.Wait(TimeSpan.FromSeconds(60));
        }

        Together?.SignalAndWait(TimeSpan.FromSeconds(60));
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
