using JwtAuth.Configuration;
using Microsoft.Extensions.Options;

namespace JwtAuth.Revocation;

/// <summary>Refuses, at start-up, catch-up timings that cannot work (a zero interval polls the database in a busy loop).</summary>
internal sealed class RevocationSyncOptionsValidator : IValidateOptions<RevocationSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationSyncOptions options)
    {
        var errors = new List<string>(((IHasBindingErrors)options).BindingErrors);
        if (options.CatchUpInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add($"{RevocationSyncOptions.ConfigurationSection}:CatchUpInterval must be at least 10ms.");
        }

        if (options.GapTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{RevocationSyncOptions.ConfigurationSection}:GapTimeout must be positive.");
        }

        if (options.ReReadWindow < options.GapTimeout)
        {
            errors.Add($"{RevocationSyncOptions.ConfigurationSection}:ReReadWindow must be at least GapTimeout ({options.GapTimeout}).");
        }

        if (options.MaxCatchUpLag < options.CatchUpInterval)
        {
            errors.Add($"{RevocationSyncOptions.ConfigurationSection}:MaxCatchUpLag must be at least CatchUpInterval ({options.CatchUpInterval}).");
        }

        if (options.PruneInterval < TimeSpan.Zero)
        {
            errors.Add($"{RevocationSyncOptions.ConfigurationSection}:PruneInterval cannot be negative (zero turns pruning off).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
