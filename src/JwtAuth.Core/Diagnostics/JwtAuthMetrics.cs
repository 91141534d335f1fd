using System.Diagnostics.Metrics;
using System.Text.Json;
using JwtAuth.Revocation;
using JwtAuth.Tokens;

namespace JwtAuth.Diagnostics;

/// <summary>
/// JwtAuth's instruments, on the meter <see cref="MeterName"/> made by the host's
/// <see cref="IMeterFactory"/>: <c>dotnet-counters monitor --counters JwtAuth</c> shows them with no
/// exporter, and OpenTelemetry exports them once the host adds the meter. Tag values are fixed
/// words (token types, reason codes), never user data.
/// </summary>
internal sealed class JwtAuthMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "JwtAuth";

    // Reason tags are computed once: a flood of bad tokens must not allocate a string per request.
    private static readonly string[] FailureNames = Enum.GetNames<TokenFailure>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();

    private readonly Counter<long> _issued;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _sessionsEnded;
    private readonly Counter<long> _reuse;
    private readonly Counter<long> _unavailable;

    private readonly Meter _meter;

    public JwtAuthMetrics(IMeterFactory meters, RevocationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = _meter = meters.Create(MeterName);
        _issued = meter.CreateCounter<long>("jwtauth.tokens.issued", "{token}", "Tokens issued, by token_type.");
        _refreshes = meter.CreateCounter<long>("jwtauth.refreshes", "{refresh}", "Refresh requests, by outcome: ok, or the reason they were refused.");
        _rejected = meter.CreateCounter<long>("jwtauth.tokens.rejected", "{token}", "Bearer tokens (or access cookies) refused by the handler, by reason.");
        _sessionsEnded = meter.CreateCounter<long>("jwtauth.sessions.ended", "{session}", "Sessions ended (revoked), by reason.");
        _reuse = meter.CreateCounter<long>("jwtauth.refresh_token.reuse", "{event}", "Rotated-out refresh tokens presented again: each ended its session.");
        _unavailable = meter.CreateCounter<long>("jwtauth.database.unavailable", "{event}", "Operations that found the token database unavailable, by operation.");
        meter.CreateObservableGauge("jwtauth.revocation.registry.size", () => new[]
        {
            new Measurement<long>(registry.SessionCount, new KeyValuePair<string, object?>("kind", "session")),
            new Measurement<long>(registry.UserCount, new KeyValuePair<string, object?>("kind", "user")),
        }, "{entry}", "Entries this node's revocation registry holds: ended sessions and users cut off.");
    }

    /// <summary>Publishes the catch-up lag; called once by the catch-up, which measures it.</summary>
    public void ObserveCatchUpLag(Func<TimeSpan> lag) =>
        _meter.CreateObservableGauge("jwtauth.revocation.catch_up.lag", () =>
        {
            var current = lag();
            return current == TimeSpan.MaxValue ? [] : new[] { new Measurement<double>(current.TotalSeconds) };
        }, "s", "How long ago this node last read the revocation log to its end.");

    public void TokenIssued(TokenType type) => _issued.Add(1, new KeyValuePair<string, object?>("token_type", type.ToClaimValue()));

    public void Refreshed(TokenFailure failure) =>
        _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", failure == TokenFailure.None ? "ok" : FailureNames[(int)failure]));

    public void Rejected(TokenFailure failure) => Rejected(FailureNames[(int)failure]);

    /// <summary>A refusal that is not about the token itself (a malformed header, a failed CSRF check).</summary>
    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void SessionsEnded(int count, string reason)
    {
        if (count > 0)
        {
            _sessionsEnded.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    public void RefreshTokenReused() => _reuse.Add(1);

    public void DatabaseUnavailable(string operation) => _unavailable.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
