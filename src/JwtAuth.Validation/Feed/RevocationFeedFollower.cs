using System.Text.Json;
using JwtAuth.Revocation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JwtAuth.Validation.Feed;

/// <summary>
/// Keeps this service's revocation registry in step with the server's log through the feed: the
/// nodes' own catch-up (<see cref="RevocationCatchUp"/>, the same gap rules) over feed reads, then a
/// long poll that returns as soon as the server has something new. A feed that does not answer
/// within <see cref="JwtAuthValidationOptions.FeedUnavailableAfter"/> makes the registry unknown
/// (fail closed) or is only reported (fail open); entries written meanwhile are read when it
/// answers again, since reading resumes from the last id read. Where the service can reach the
/// database and registers PostgreSQL's notifications (<see cref="IRevocationSignal"/>,
/// <c>AddJwtAuthPostgreSqlNotifications</c>), the follower waits for PostgreSQL to announce a log
/// write (or at most <see cref="JwtAuthValidationOptions.FeedWait"/>) instead of holding a long poll
/// open on the server, and then reads the feed.
/// </summary>
internal sealed partial class RevocationFeedFollower(
    RevocationFeedClient feed,
    RevocationCatchUp catchUp,
    RevocationRegistry registry,
    TimeProvider time,
    IOptions<JwtAuthValidationOptions> options,
    ILogger<RevocationFeedFollower> logger,
    IRevocationSignal? signal = null) : BackgroundService
{
    private long _lastContact = long.MinValue;
    private bool _reportedUnavailable;

    /// <summary>When the feed last answered in full (the registry held every revocation up to then); null before it first did.</summary>
    public DateTimeOffset? LastContact =>
        Volatile.Read(ref _lastContact) is var ms && ms == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>Whether the feed has gone without answering for longer than the bound at <paramref name="now"/>.</summary>
    public bool IsUnavailableAt(DateTimeOffset now) =>
        LastContact is not { } contact || now - contact > options.Value.FeedUnavailableAfter;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WhenFeedUnavailable == FeedUnavailableBehavior.RefuseTokens)
        {
            // Nothing is known of revocations until the feed has been read once.
            registry.KnowUntil(0);
        }

        // Revocations made before this service started should hold from its first request; a feed
        // out of reach now is the same as one lost later.
        await TryRoundAsync(waitForNew: false, cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await TryRoundAsync(waitForNew: true, stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await Task.Delay(options.Value.RetryDelay, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One catch-up over the feed, then (when asked) a long poll for what comes next. False when the feed failed.</summary>
    private async Task<bool> TryRoundAsync(bool waitForNew, CancellationToken cancellationToken)
    {
        try
        {
            // Everything committed before this moment is in what the round reads.
            var started = time.GetUtcNow();
            await catchUp.CatchUpAsync(feed.ReadAsync, cancellationToken).ConfigureAwait(false);
            Contact(started);
            registry.Prune(time.GetUtcNow().ToUnixTimeSeconds());
            if (!waitForNew)
            {
                return true;
            }

            if (signal is not null)
            {
                // The next round reads whatever PostgreSQL announced; its contact time is its own.
                await signal.WaitAsync(options.Value.FeedWait, cancellationToken).ConfigureAwait(false);
            }
            else if (!await feed.WaitAsync(catchUp.HighestRead, cancellationToken).ConfigureAwait(false))
            {
                // The server found nothing past what this service has read, just before it answered.
                Contact(time.GetUtcNow());
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException)
        {
            LogFeedFailed(ex.Message);
            ReportIfUnavailable();
            return false;
        }
    }

    private void Contact(DateTimeOffset at)
    {
        var settings = options.Value;
        Volatile.Write(ref _lastContact, at.ToUnixTimeMilliseconds());
        if (settings.WhenFeedUnavailable == FeedUnavailableBehavior.RefuseTokens)
        {
            registry.KnowUntil((at + settings.FeedUnavailableAfter).ToUnixTimeMilliseconds());
        }

        if (_reportedUnavailable)
        {
            _reportedUnavailable = false;
            LogFeedRestored();
        }
    }

    private void ReportIfUnavailable()
    {
        var settings = options.Value;
        if (_reportedUnavailable || !IsUnavailableAt(time.GetUtcNow()))
        {
            return;
        }

        _reportedUnavailable = true;
        if (settings.WhenFeedUnavailable == FeedUnavailableBehavior.RefuseTokens)
        {
            LogUnavailableRefusing(settings.FeedUnavailableAfter);
        }
        else
        {
            LogUnavailableAccepting(settings.FeedUnavailableAfter);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Revocation feed call failed: {Reason}")]
    private partial void LogFeedFailed(string reason);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Revocation feed out of reach for more than {Bound}: refusing every token until it answers (fail closed)")]
    private partial void LogUnavailableRefusing(TimeSpan bound);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Revocation feed out of reach for more than {Bound}: accepting tokens without the revocations made since (fail open)")]
    private partial void LogUnavailableAccepting(TimeSpan bound);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Revocation feed answers again; revocations made meanwhile are applied")]
    private partial void LogFeedRestored();
}
