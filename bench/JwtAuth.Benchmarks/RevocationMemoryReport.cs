using System.Globalization;
using JwtAuth.Revocation;
using JwtAuth.Tokens;

namespace JwtAuth.Benchmarks;

/// <summary>
/// What a million revocations cost in memory: the managed heap after a full collection, before and
/// after applying them to an empty <see cref="RevocationRegistry"/>. Not a BenchmarkDotNet
/// benchmark (it measures what stays, not what is allocated), so <see cref="Program"/> runs it.
/// </summary>
internal static class RevocationMemoryReport
{
    public const string Name = "JwtAuth.Benchmarks.RevocationMemoryReport.Run";

    private const int Entries = 1_000_000;

    public static string Run()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var sessions = Measure(registry =>
        {
            for (var i = 1; i <= Entries; i++)
            {
                registry.Apply(new RevocationEntry(i, RevocationKind.Session, JwtAuthIds.Format(Guid.CreateVersion7()), 0, now + 600));
            }
        });
        var users = Measure(registry =>
        {
            for (var i = 1; i <= Entries; i++)
            {
                // Numeric ids as SimpleJWT's default user model has them, as text.
                registry.Apply(new RevocationEntry(i, RevocationKind.User, (10_000_000 + i).ToString(CultureInfo.InvariantCulture), now, now + 600));
            }
        });

        return string.Create(CultureInfo.InvariantCulture, $"""
            Revocation registry, retained managed memory (GC.GetTotalMemory(true) after minus before):
              {Entries:N0} revoked sessions: {sessions:N0} bytes, {(double)sessions / Entries:F1} bytes per entry
              {Entries:N0} user cut-offs (8-char user ids): {users:N0} bytes, {(double)users / Entries:F1} bytes per entry
            """);
    }

    private static long Measure(Action<RevocationRegistry> fill)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var registry = new RevocationRegistry();
        fill(registry);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(registry);
        return after - before;
    }
}
