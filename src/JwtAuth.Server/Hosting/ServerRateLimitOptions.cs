using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// The server's limits on abuse, section <c>RateLimiting</c>. A rate is a token bucket: up to that
/// many at once, refilled evenly over the period (20 per minute: 20 in a burst, then one every 3 s).
/// Every limit takes 0 for off; <see cref="Enabled"/> <c>false</c> turns all of them off.
/// </summary>
internal sealed class ServerRateLimitOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Logins (pair and sliding, and Telegram sign-ins) per client address (IPv6: per /64).</summary>
    public int LoginPermitsPerMinute { get; set; } = 20;

    /// <summary>Logins per account: the user name in the body, from any address.</summary>
    public int LoginPerAccountPermitsPerMinute { get; set; } = 10;

    /// <summary>Registrations per client address.</summary>
    public int RegisterPermitsPerHour { get; set; } = 20;

    /// <summary>Password changes per user (the bearer's user id).</summary>
    public int PasswordChangePermitsPerHour { get; set; } = 10;

    /// <summary>Password changes per client address, whoever the users are.</summary>
    public int PasswordChangePerAddressPermitsPerHour { get; set; } = 30;

    /// <summary>Refreshes (pair and sliding) per session: the <c>sid</c> in the token; a token without one counts against its address.</summary>
    public int RefreshPermitsPerMinute { get; set; } = 10;

    /// <summary>Requests that hash a password (login, registration, password change) running at once on this node.</summary>
    public int HashingConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>Hashing requests waiting for a slot; beyond this they are answered 503 at once.</summary>
    public int HashingQueue { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>Of <see cref="HashingConcurrency"/>, how many one client address may hold.</summary>
    public int HashingConcurrencyPerAddress { get; set; } = 1;

    /// <summary>Hashing requests of one address waiting for its share; beyond this they are answered 429 at once.</summary>
    public int HashingQueuePerAddress { get; set; } = 4;

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue($"{Section}:{nameof(Enabled)}", true);
}

/// <summary>Refuses negative limits at start-up, naming the setting.</summary>
internal sealed class ServerRateLimitOptionsValidator : IValidateOptions<ServerRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerRateLimitOptions options)
    {
        var failures = new List<string>();
        Check(options.LoginPermitsPerMinute, nameof(options.LoginPermitsPerMinute));
        Check(options.LoginPerAccountPermitsPerMinute, nameof(options.LoginPerAccountPermitsPerMinute));
        Check(options.RegisterPermitsPerHour, nameof(options.RegisterPermitsPerHour));
        Check(options.PasswordChangePermitsPerHour, nameof(options.PasswordChangePermitsPerHour));
        Check(options.PasswordChangePerAddressPermitsPerHour, nameof(options.PasswordChangePerAddressPermitsPerHour));
        Check(options.RefreshPermitsPerMinute, nameof(options.RefreshPermitsPerMinute));
        Check(options.HashingConcurrency, nameof(options.HashingConcurrency));
        Check(options.HashingQueue, nameof(options.HashingQueue));
        Check(options.HashingConcurrencyPerAddress, nameof(options.HashingConcurrencyPerAddress));
        Check(options.HashingQueuePerAddress, nameof(options.HashingQueuePerAddress));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(int value, string setting)
        {
            if (value < 0)
            {
                failures.Add($"{ServerRateLimitOptions.Section}:{setting} must be 0 (off) or a positive number; it is {value}.");
            }
        }
    }
}
