namespace JwtAuth.Flows;

/// <summary>Who is asking, as the flows record it on a session and in security logs.</summary>
/// <param name="IpAddress">The client's address, as the host resolved it (behind a proxy: forwarded headers).</param>
/// <param name="UserAgent">The client's <c>User-Agent</c>; cut to <see cref="MaxUserAgentLength"/> characters.</param>
public sealed record ClientInfo(string? IpAddress, string? UserAgent)
{
    public const int MaxUserAgentLength = 256;

    /// <summary>A client nothing is known about (a CLI, a test).</summary>
    public static readonly ClientInfo Unknown = new(null, null);

    /// <summary>The user agent as stored: empty is none, long is cut.</summary>
    internal string? StoredUserAgent =>
        string.IsNullOrEmpty(UserAgent) ? null : UserAgent.Length <= MaxUserAgentLength ? UserAgent : UserAgent[..MaxUserAgentLength];
}
