using JwtAuth.Revocation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Holds one dedicated connection that <c>LISTEN</c>s on the revocation channel and wakes the
/// catch-up loop on every notification. Notifications sent while it is disconnected are lost, so
/// every (re)connection also wakes the loop: the log, read by id, is the truth, and the
/// notification only makes reading it prompt.
/// </summary>
internal sealed partial class PostgresRevocationListener : BackgroundService, IRevocationSignal
{
    // At most one wake-up is pending: notifications arriving while the loop reads coalesce into one more read.
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly PostgresRevocationOptions _options;
    private readonly string _connectionString;
    private readonly ILogger<PostgresRevocationListener> _logger;

    public PostgresRevocationListener(IOptions<PostgresRevocationOptions> options, ILogger<PostgresRevocationListener> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _connectionString = new NpgsqlConnectionStringBuilder(_options.ConnectionString)
        {
            ApplicationName = _options.ApplicationName,
            // A dedicated connection: closing it must really close it, never park it in a pool, and
            // its session must be its own (LISTEN), never multiplexed.
            Pooling = false,
            Multiplexing = false,
            Enlist = false,
            TcpKeepAlive = true,
        }.ConnectionString;
    }

    /// <summary>Whether the listening connection is up (for tests and health checks).</summary>
    public bool IsListening { get; private set; }

    /// <summary>The listening connection's <c>application_name</c>.</summary>
    public string ApplicationName => _options.ApplicationName;

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _wake.WaitAsync(timeout, cancellationToken);

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = _options.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => delay = _options.ReconnectDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the answer is to reconnect: the listener must outlive any database outage.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                IsListening = false;
                LogListenerLost(ex.Message, delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, _) => Wake();
            await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
            await using (var listen = new NpgsqlCommand("LISTEN " + PostgresRevocationChannel.Name, connection))
            {
                await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
            }

            IsListening = true;
            connected();
            LogListening(_options.ApplicationName);
            // Entries committed while nobody listened (before start, during an outage) are read now.
            Wake();

            while (true)
            {
                if (!await connection.WaitAsync(_options.KeepAliveInterval, stoppingToken).ConfigureAwait(false))
                {
                    // Silence may be a dead network path that never reports itself: a query proves the connection.
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; the read it causes will see this entry too.
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Listening for revocations on PostgreSQL as {ApplicationName}")]
    private partial void LogListening(string applicationName);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Revocation listener lost its connection ({Reason}); reconnecting in {DelayMs} ms, catching up by polling meanwhile")]
    private partial void LogListenerLost(string reason, double delayMs);
}
