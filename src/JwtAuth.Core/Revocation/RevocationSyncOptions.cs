using JwtAuth.Configuration;

namespace JwtAuth.Revocation;

/// <summary>How a node keeps its registry in step with the revocation log that all nodes share.</summary>
public sealed class RevocationSyncOptions : IHasBindingErrors
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string ConfigurationSection = JwtAuthOptions.ConfigurationSection + ":Revocation";

    List<string> IHasBindingErrors.BindingErrors { get; } = [];

    /// <summary>
    /// How often the log is read for entries written by other nodes; the bound on how long a
    /// revocation elsewhere can go unnoticed when no notification arrives. Default 2 seconds.
    /// </summary>
    public TimeSpan CatchUpInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a gap in log ids (an id below the highest one read that has not appeared: a
    /// transaction still open, or one that rolled back) is re-read every round before it is given
    /// up: the watermark passes it, and it is re-read only once per gap timeout from then on, until
    /// <see cref="ReReadWindow"/>. Default 1 minute.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a gap in log ids is first seen its ids are still re-read, so that an entry
    /// whose transaction commits late is applied all the same; then the gap is taken as rolled back.
    /// Every transaction that writes the log must commit within this time of taking its id (bound
    /// it with the database's transaction and idle-in-transaction timeouts). At least
    /// <see cref="GapTimeout"/>. Default 10 minutes.
    /// </summary>
    public TimeSpan ReReadWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The readiness bound: when the last catch-up round that read the whole log began longer ago
    /// than this (the database does not answer), the node reports itself not ready
    /// (<c>/health/ready</c>), because revocations made on other nodes may not have reached it.
    /// At least <see cref="CatchUpInterval"/>. Default 10 seconds.
    /// </summary>
    public TimeSpan MaxCatchUpLag { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often expired rows are deleted from the database. Default 1 hour; zero turns it off.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
