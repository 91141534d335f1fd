using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace JwtAuth.Validation.Tests.Processes;

/// <summary>
/// Issue #11's promise across processes: a logout on the JwtAuth server reaches a resource server
/// that verifies tokens with JwtAuth.Validation, at once and without loss.
/// </summary>
public sealed class ResourceServerProcessTests(ServerAndResourceServer hosts, ITestOutputHelper output) : IClassFixture<ServerAndResourceServer>
{
    private const int Trials = 30;

    [Fact]
    public async Task Logout_OnTheServer_IsRefusedByTheResourceServer_AtOnce()
    {
        var delays = new List<double>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var (access, refresh) = await hosts.LoginAsync("delay-" + trial.ToString(CultureInfo.InvariantCulture));
            (await hosts.ResourceAsync(access)).ShouldBe(HttpStatusCode.OK);

            await hosts.LogoutAsync(access, refresh);
            var clock = Stopwatch.StartNew();
            while (await hosts.ResourceAsync(access) == HttpStatusCode.OK)
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the resource server still accepts a logged-out token");
            }

            delays.Add(clock.Elapsed.TotalMilliseconds);
        }

        delays.Sort();
        var p99 = delays[(int)Math.Ceiling(0.99 * delays.Count) - 1];
        output.WriteLine($"logout on the server -> 401 on the resource server, {Trials} trials: median {delays[delays.Count / 2]:F1} ms, p99 {p99:F1} ms, max {delays[^1]:F1} ms");
        // The figure to meet (50 ms) is measured by bench/revocation-delay/resource-server.sh on a quiet
        // machine; here, beside other builds, a bound that still fails if the feed does not push.
        p99.ShouldBeLessThan(1000);
    }

    [Fact]
    public async Task RefreshToken_AsBearer_IsRefusedByTheResourceServer()
    {
        var (access, refresh) = await hosts.LoginAsync("refresh-as-bearer");
        (await hosts.ResourceAsync(access)).ShouldBe(HttpStatusCode.OK);
        (await hosts.ResourceAsync(refresh)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FeedCut_RevocationsMadeMeanwhile_AreAppliedOnReconnect()
    {
        var (access, refresh) = await hosts.LoginAsync("cut-feed");
        (await hosts.ResourceAsync(access)).ShouldBe(HttpStatusCode.OK);

        hosts.Proxy.Cut();
        try
        {
            await hosts.LogoutAsync(access, refresh);
            // Cut off, the resource server cannot know yet (the bound to fail closed is a minute).
            (await hosts.ResourceAsync(access)).ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            hosts.Proxy.Restore();
        }

        var clock = Stopwatch.StartNew();
        while (await hosts.ResourceAsync(access) == HttpStatusCode.OK)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the logout made while the feed was cut was not applied after it came back");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Feed_RefusesCallersWithoutServiceCredentials()
    {
        var (access, _) = await hosts.LoginAsync("feed-caller");
        var feed = hosts.Server.BaseAddress + "/api/revocations/";

        using (var anonymous = await hosts.Client.GetAsync(feed))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await anonymous.Content.ReadAsStringAsync()).ShouldContain("not_authenticated");
        }

        await AssertRefusedAsync(new AuthenticationHeaderValue("Bearer", access));
        await AssertRefusedAsync(Basic(ServerAndResourceServer.ServiceName, "a-wrong-secret-0123456789abcdef0123456789"));
        await AssertRefusedAsync(Basic("unknown-service", ServerAndResourceServer.ServiceSecret));

        using var request = new HttpRequestMessage(HttpMethod.Get, feed + "?after=0&limit=5");
        request.Headers.Authorization = Basic(ServerAndResourceServer.ServiceName, ServerAndResourceServer.ServiceSecret);
        using var allowed = await hosts.Client.SendAsync(request);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Content.ReadAsStringAsync()).ShouldStartWith("{\"entries\":[");

        async Task AssertRefusedAsync(AuthenticationHeaderValue credentials)
        {
            using var refused = new HttpRequestMessage(HttpMethod.Get, feed);
            refused.Headers.Authorization = credentials;
            using var response = await hosts.Client.SendAsync(refused);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    private static AuthenticationHeaderValue Basic(string name, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + secret)));
}
