using JwtAuth.Configuration;
using Microsoft.Extensions.Options;

namespace JwtAuth.Audit;

/// <summary>
/// Refuses, at start-up, a retention that would prune events almost as soon as they are written,
/// and a negative prune interval.
/// </summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        var errors = new List<string>(((IHasBindingErrors)options).BindingErrors);
        if (options.Retention < TimeSpan.FromDays(1))
        {
            errors.Add($"{AuditOptions.ConfigurationSection}:Retention must be at least 1 day.");
        }

        if (options.PruneInterval < TimeSpan.Zero)
        {
            errors.Add($"{AuditOptions.ConfigurationSection}:PruneInterval cannot be negative (zero turns pruning off).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
