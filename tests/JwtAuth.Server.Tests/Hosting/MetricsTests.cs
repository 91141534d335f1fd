using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>JwtAuth's instruments, read with a <see cref="MeterListener"/> as dotnet-counters and OpenTelemetry read them.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Instruments_CountIssuedRefreshesRejectionsEndedSessionsAndReuse_AndObserveTheRegistryAndTheLag()
    {
        await using var host = await TestServerHost.StartAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            // Tests run hosts in parallel: only this host's meter counts.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "JwtAuth" && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Enqueue((instrument.Name, value, Tags(tags))));
        listener.Start();

        await host.RegisterAsync("alice");
        var (access, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(TestServerHost.ProtectedPath, access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync(TestServerHost.ProtectedPath, "not-a-token")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        listener.RecordObservableInstruments();

        double Sum(string instrument, string? tag = null, string? value = null) =>
            measured.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).Sum(m => m.Value);

        // Login: a refresh and an access token; the refresh: one of each again.
        Sum("jwtauth.tokens.issued", "token_type", "refresh").ShouldBe(2);
        Sum("jwtauth.tokens.issued", "token_type", "access").ShouldBe(2);
        Sum("jwtauth.refreshes", "outcome", "ok").ShouldBe(1);
        Sum("jwtauth.refreshes", "outcome", "blacklisted").ShouldBe(1);
        Sum("jwtauth.refresh_token.reuse").ShouldBe(1);
        Sum("jwtauth.sessions.ended", "reason", "refresh_token_reuse").ShouldBe(1);
        Sum("jwtauth.tokens.rejected", "reason", "blacklisted").ShouldBe(1);
        Sum("jwtauth.tokens.rejected", "reason", "invalid_or_expired").ShouldBe(1);
        Sum("jwtauth.revocation.registry.size", "kind", "session").ShouldBe(1);
        measured.ShouldContain(m => m.Instrument == "jwtauth.revocation.catch_up.lag" && m.Value >= 0);
        // Tags are fixed words: no user name, id or token ever becomes a tag value.
        measured.SelectMany(m => m.Tags.Values).ShouldAllBe(v => v is string && !((string)v!).Contains("alice") && ((string)v!).Length < 40);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }

        return copy;
    }
}
