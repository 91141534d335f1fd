namespace JwtAuth.Server.Data;

/// <summary>
/// Applies pending migrations when the host starts (<c>Database:MigrateOnStartup</c>, default true).
/// Registered before JwtAuth's services, so the revocation log exists when it is first read.
/// </summary>
internal sealed class DatabaseMigrationService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ServerDatabaseMigrator.MigrateAsync(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
