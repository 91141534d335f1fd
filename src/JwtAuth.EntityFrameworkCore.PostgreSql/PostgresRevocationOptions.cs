namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>How an instance listens for revocations written by the others (section <c>JwtAuth:Revocation:Postgres</c> in the server).</summary>
public sealed class PostgresRevocationOptions
{
    /// <summary>The database the instances share; the listener opens its own connection to it.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The listening connection's <c>application_name</c>, which finds it in <c>pg_stat_activity</c>.
    /// Default <c>jwtauth-revocation-listener</c>.
    /// </summary>
    public string ApplicationName { get; set; } = "jwtauth-revocation-listener";

    /// <summary>First wait before reconnecting a lost listening connection; doubles up to <see cref="MaxReconnectDelay"/>. Default 100 ms.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between reconnection attempts. Default 2 seconds.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After this long without a notification the listener sends a query, so a connection lost
    /// without a word (a dropped network path) is noticed and replaced. Default 15 seconds.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
