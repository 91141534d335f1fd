using JwtAuth.Audit;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Flows;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the audit trail's table to a host's <see cref="DbContext"/> model.</summary>
public static class JwtAuthAuditModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>jwtauth_audit_events</c>, for <c>UseEntityFrameworkCoreAuditTrail&lt;TContext&gt;()</c>,
    /// indexed for the admin filters: by time, and by user and by kind, each newest first.
    /// </summary>
    public static ModelBuilder UseJwtAuthAuditTrail(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditEventEntity>(audit =>
        {
            audit.ToTable("jwtauth_audit_events");
            audit.HasKey(e => e.Id);
            audit.Property(e => e.Id).ValueGeneratedOnAdd();
            audit.Property(e => e.Kind).HasMaxLength(AuditEvent.MaxCodeLength).IsRequired();
            audit.Property(e => e.UserId).HasMaxLength(128);
            audit.Property(e => e.ActorId).HasMaxLength(128);
            audit.Property(e => e.IpAddress).HasMaxLength(AuditEvent.MaxIpAddressLength);
            audit.Property(e => e.UserAgent).HasMaxLength(ClientInfo.MaxUserAgentLength);
            audit.Property(e => e.Detail).HasMaxLength(AuditEvent.MaxCodeLength);
            audit.HasIndex(e => e.OccurredAtMs);
            audit.HasIndex(e => new { e.UserId, e.OccurredAtMs });
            audit.HasIndex(e => new { e.Kind, e.OccurredAtMs });
        });
        return modelBuilder;
    }
}
