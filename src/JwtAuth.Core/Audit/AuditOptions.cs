using JwtAuth.Configuration;

namespace JwtAuth.Audit;

/// <summary>How long the audit trail is kept, bound from <c>JwtAuth:Audit</c>.</summary>
public sealed class AuditOptions : IHasBindingErrors
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string ConfigurationSection = JwtAuthOptions.ConfigurationSection + ":Audit";

    List<string> IHasBindingErrors.BindingErrors { get; } = [];

    /// <summary>How long an event is kept before it is pruned. Default 90 days; at least one day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often events older than <see cref="Retention"/> are deleted. Default 1 hour; zero turns pruning off.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
