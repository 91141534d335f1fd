using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>Traces of the token endpoints with their database calls, as the OTLP exporter would send them.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_ATokenEndpointCall_IsOneJwtAuthActivity_WithItsDatabaseCallsInside()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "JwtAuth" or "OpenTelemetry.Instrumentation.EntityFrameworkCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // Nothing listens there: the exporter's failures stay in the background, the activities are real.
        await using var host = await TestServerHost.StartAsync(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });
        await host.RegisterAsync("alice");
        var (_, refresh) = await host.LoginAsync("alice");
        using var client = host.CreateClient();

        (await client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);
        var refused = await client.PostJsonAsync("/api/token/refresh/", new { refresh });

        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        var refreshes = stopped.Where(a => a.Source.Name == "JwtAuth" && a.OperationName == "JwtAuthRefresh").ToList();
        // Other tests' hosts run in this process; this host's calls are the ones with database children.
        var traced = refreshes.Where(a => stopped.Any(child => child.Source.Name != "JwtAuth" && child.ParentSpanId == a.SpanId)).ToList();
        traced.Count.ShouldBeGreaterThanOrEqualTo(2);
        traced.ShouldContain(a => Equals(a.GetTagItem("http.response.status_code"), 200) && a.Status == ActivityStatusCode.Unset);
        traced.ShouldContain(a => Equals(a.GetTagItem("http.response.status_code"), 401) && a.Status == ActivityStatusCode.Error
            && Equals(a.GetTagItem("jwtauth.code"), "token_not_valid"));
        // No token or user data in what is exported.
        stopped.SelectMany(a => a.TagObjects).ShouldAllBe(tag => !(tag.Value is string && ((string)tag.Value!).Contains(refresh, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NoTelemetryPipelineIsRegistered()
    {
        await using var host = await TestServerHost.StartAsync();

        host.Services.GetService<OpenTelemetry.Trace.TracerProvider>().ShouldBeNull();
    }
}
