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
    /// How long a gap in log ids is waited for before it is taken as a rolled-back transaction.
    /// Default 1 minute.
    /// </summary>
    public TimeSpan GapTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired rows are deleted from the database. Default 1 hour; zero turns it off.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
