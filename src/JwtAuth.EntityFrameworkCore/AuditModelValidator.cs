using JwtAuth.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// Stops start-up when <typeparamref name="TContext"/> keeps the audit trail but its model lacks
/// the table, instead of failing the first login (its event rides on the session insert).
/// </summary>
internal sealed class AuditModelValidator<TContext>(IServiceScopeFactory scopes) : IValidateOptions<AuditOptions>
    where TContext : DbContext
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        using var scope = scopes.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return context.Model.FindEntityType(typeof(AuditEventEntity)) is null
            ? ValidateOptionsResult.Fail(
                $"The audit trail is kept in {typeof(TContext).Name}, whose model lacks its table: call modelBuilder.UseJwtAuthAuditTrail() "
                + "in OnModelCreating, add a migration (dotnet ef migrations add AddJwtAuthAuditTrail) and apply it.")
            : ValidateOptionsResult.Success;
    }
}
