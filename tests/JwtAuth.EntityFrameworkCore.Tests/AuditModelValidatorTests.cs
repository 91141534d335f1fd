using JwtAuth.Audit;
using JwtAuth.EntityFrameworkCore.Tests.Contract;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.EntityFrameworkCore.Tests;

/// <summary>A context that keeps the audit trail must map its table; start-up says how when it does not.</summary>
public sealed class AuditModelValidatorTests
{
    [Fact]
    public void Validate_AContextWithoutTheAuditTable_FailsNamingTheCall()
    {
        var result = Validate<WithoutAuditDbContext>();

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("WithoutAuditDbContext");
        result.FailureMessage.ShouldContain("modelBuilder.UseJwtAuthAuditTrail()");
    }

    [Fact]
    public void Validate_AContextWithTheAuditTable_Succeeds() => Validate<TestSessionDbContext>().Succeeded.ShouldBeTrue();

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate<TContext>()
        where TContext : DbContext
    {
        using var services = new ServiceCollection()
            .AddDbContext<TContext>(options => options.UseSqlite("Data Source=:memory:"))
            .BuildServiceProvider();
        return new AuditModelValidator<TContext>(services.GetRequiredService<IServiceScopeFactory>()).Validate(null, new AuditOptions());
    }

    private sealed class WithoutAuditDbContext(DbContextOptions<WithoutAuditDbContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseJwtAuth();
    }
}
