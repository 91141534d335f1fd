using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Hosting;

/// <summary>The operations the server limits; endpoint metadata, attached by endpoint name in <see cref="ServerRateLimiting"/>.</summary>
internal enum RateLimitedOperation
{
    Login,
    /// <summary>A sign-in from Telegram: limited per address like a login, but it hashes no password.</summary>
    TelegramLogin,
    Register,
    PasswordChange,
    Refresh,
    RefreshSliding,
}

/// <summary>Marks an endpoint as limited as <paramref name="Operation"/>.</summary>
internal sealed record RateLimitedEndpoint(RateLimitedOperation Operation);

/// <summary>
/// Every limit of <see cref="ServerRateLimitOptions"/> in one limiter, installed as the rate limiting
/// middleware's global limiter (which runs only on the limited endpoints). One request may be under
/// several keys at once (a login: its address, its account, a hashing slot); each key is its own
/// bucket shared by every request with that key, and the request passes only if all of them let it:
/// first the rates, then its address's share of the hashing slots, then a hashing slot, so that no
/// request holds a slot while it waits for its address's turn.
/// </summary>
internal sealed class ServerRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<string>? _loginPerAddress;
    private readonly PartitionedRateLimiter<string>? _loginPerAccount;
    private readonly PartitionedRateLimiter<string>? _registerPerAddress;
    private readonly PartitionedRateLimiter<string>? _passwordChangePerUser;
    private readonly PartitionedRateLimiter<string>? _passwordChangePerAddress;
    private readonly PartitionedRateLimiter<string>? _refreshPerSession;
    private readonly PartitionedRateLimiter<string>? _hashingPerAddress;
    private readonly ConcurrencyLimiter? _hashing;

    public ServerRateLimiter(IOptions<ServerRateLimitOptions> options)
    {
        var limits = options.Value;
        _loginPerAddress = Rate(limits.LoginPermitsPerMinute, Minute);
        _loginPerAccount = Rate(limits.LoginPerAccountPermitsPerMinute, Minute);
        _registerPerAddress = Rate(limits.RegisterPermitsPerHour, Hour);
        _passwordChangePerUser = Rate(limits.PasswordChangePermitsPerHour, Hour);
        _passwordChangePerAddress = Rate(limits.PasswordChangePerAddressPermitsPerHour, Hour);
        _refreshPerSession = Rate(limits.RefreshPermitsPerMinute, Minute);
        if (limits.HashingConcurrencyPerAddress > 0)
        {
            var perAddress = new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.HashingConcurrencyPerAddress,
                QueueLimit = limits.HashingQueuePerAddress,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
            _hashingPerAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetConcurrencyLimiter(address, _ => perAddress));
        }

        if (limits.HashingConcurrency > 0)
        {
            _hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.HashingConcurrency,
                QueueLimit = limits.HashingQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
    }

    public static RateLimitedOperation? OperationOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedEndpoint>()?.Operation;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    /// <summary>
    /// Never takes anything on a limited endpoint: the middleware then calls
    /// <see cref="AcquireAsyncCore"/>, where every key is taken exactly once (taking the rates here and
    /// again there would charge a refused request twice).
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        OperationOf(resource) is null ? ServerLease.Granted : ServerLease.NotAttempted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (OperationOf(resource) is not { } operation)
        {
            return ServerLease.Granted;
        }

        var address = ClientAddress.Bucket(resource.Connection.RemoteIpAddress);
        var keys = resource.Features.Get<RateLimitKeys>();
        var held = new List<RateLimitLease>(4);
        try
        {
            var refused = operation switch
            {
                RateLimitedOperation.Login =>
                    Take(_loginPerAddress, address, held) ?? Take(_loginPerAccount, keys?.Account, held) ?? await HashingAsync(address, held, cancellationToken).ConfigureAwait(false),
                RateLimitedOperation.TelegramLogin => Take(_loginPerAddress, address, held),
                RateLimitedOperation.Register =>
                    Take(_registerPerAddress, address, held) ?? await HashingAsync(address, held, cancellationToken).ConfigureAwait(false),
                RateLimitedOperation.PasswordChange =>
                    Take(_passwordChangePerAddress, address, held)
                    ?? Take(_passwordChangePerUser, resource.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, held)
                    ?? await HashingAsync(address, held, cancellationToken).ConfigureAwait(false),
                _ => Take(_refreshPerSession, keys?.Session is { } session ? "sid:" + session : "address:" + address, held),
            };
            if (refused is not null)
            {
                Release(held);
                return refused;
            }

            return new ServerLease(held);
        }
        catch
        {
            Release(held);
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loginPerAddress?.Dispose();
            _loginPerAccount?.Dispose();
            _registerPerAddress?.Dispose();
            _passwordChangePerUser?.Dispose();
            _passwordChangePerAddress?.Dispose();
            _refreshPerSession?.Dispose();
            _hashingPerAddress?.Dispose();
            _hashing?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A token bucket per key: <paramref name="permits"/> at once, refilled evenly over <paramref name="period"/>.</summary>
    private static PartitionedRateLimiter<string>? Rate(int permits, TimeSpan period)
    {
        if (permits <= 0)
        {
            return null;
        }

        // The partitioned limiter refills every 100 ms at most, one step per refill: keep steps of at
        // least a second, adding several tokens per step for high rates.
        var step = TimeSpan.FromTicks(Math.Max(period.Ticks / permits, TimeSpan.TicksPerSecond));
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            ReplenishmentPeriod = step,
            TokensPerPeriod = (int)Math.Max(1, Math.Round((double)permits * step.Ticks / period.Ticks)),
            QueueLimit = 0,
        };
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket), StringComparer.Ordinal);
    }

    /// <summary>Takes one permit of <paramref name="key"/>'s bucket; the refusal, or null when taken (or no such limit or key).</summary>
    private static ServerLease? Take(PartitionedRateLimiter<string>? limiter, string? key, List<RateLimitLease> held)
    {
        if (limiter is null || key is null)
        {
            return null;
        }

        var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            lease.Dispose();
            return ServerLease.Refused(busy: false, retryAfter);
        }

        held.Add(lease);
        return null;
    }

    private async ValueTask<ServerLease?> HashingAsync(string address, List<RateLimitLease> held, CancellationToken cancellationToken)
    {
        if (_hashingPerAddress is not null)
        {
            var share = await _hashingPerAddress.AcquireAsync(address, 1, cancellationToken).ConfigureAwait(false);
            if (!share.IsAcquired)
            {
                share.Dispose();
                return ServerLease.Refused(busy: false, TimeSpan.FromSeconds(1));
            }

            held.Add(share);
        }

        if (_hashing is not null)
        {
            var slot = await _hashing.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!slot.IsAcquired)
            {
                slot.Dispose();
                return ServerLease.Refused(busy: true, TimeSpan.FromSeconds(1));
            }

            held.Add(slot);
        }

        return null;
    }

    private static void Release(List<RateLimitLease> held)
    {
        foreach (var lease in held)
        {
            lease.Dispose();
        }

        held.Clear();
    }
}

/// <summary>
/// What <see cref="ServerRateLimiter"/> hands the middleware: the leases a request holds until it has
/// been answered, or why it was refused (429 for this client's limits, 503 when every hashing slot
/// of the node is taken) and when to retry.
/// </summary>
internal sealed class ServerLease : RateLimitLease
{
    public static readonly ServerLease Granted = new([]);

    public static readonly ServerLease NotAttempted = new(acquired: false, busy: false, retryAfter: null);

    private readonly List<RateLimitLease> _held;
    private readonly TimeSpan? _retryAfter;

    public ServerLease(List<RateLimitLease> held)
    {
        _held = held;
        IsAcquired = true;
    }

    private ServerLease(bool acquired, bool busy, TimeSpan? retryAfter)
    {
        _held = [];
        IsAcquired = acquired;
        IsBusy = busy;
        _retryAfter = retryAfter;
    }

    public override bool IsAcquired { get; }

    /// <summary>Refused because the node's hashing slots are taken, not because of this client.</summary>
    public bool IsBusy { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public static ServerLease Refused(bool busy, TimeSpan retryAfter) => new(acquired: false, busy, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } retryAfter && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var lease in _held)
            {
                lease.Dispose();
            }

            _held.Clear();
        }

        base.Dispose(disposing);
    }
}

/// <summary>The keys that come from the request body, read before the limiter runs (it cannot wait for the body).</summary>
internal sealed class RateLimitKeys
{
    /// <summary>Longer than any stored user name (256); a longer one is refused by the endpoint anyway.</summary>
    private const int MaxAccountKeyLength = 257;

    public string? Account { get; private init; }

    public string? Session { get; private init; }

    public static async Task ReadAsync(HttpContext http)
    {
        var keys = ServerRateLimiter.OperationOf(http) switch
        {
            RateLimitedOperation.Login => new RateLimitKeys { Account = AccountOf((await PeekedRequestBody.ReadAsync(http).ConfigureAwait(false)).String("username"), http) },
            RateLimitedOperation.Refresh => new RateLimitKeys { Session = UnverifiedSessionId.Read((await PeekedRequestBody.ReadAsync(http).ConfigureAwait(false)).String("refresh")) },
            RateLimitedOperation.RefreshSliding => new RateLimitKeys { Session = UnverifiedSessionId.Read((await PeekedRequestBody.ReadAsync(http).ConfigureAwait(false)).String("token")) },
            _ => null,
        };
        if (keys is not null)
        {
            http.Features.Set(keys);
        }
    }

    /// <summary>The account as Identity looks it up (trimmed, as the endpoint trims it, then normalized), so that case variants share a bucket.</summary>
    private static string? AccountOf(string? userName, HttpContext http)
    {
        var trimmed = userName?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxAccountKeyLength)
        {
            trimmed = trimmed[..MaxAccountKeyLength];
        }

        return http.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeName(trimmed) ?? trimmed;
    }
}
