using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>
/// The bound on concurrent password hashing (login, registration, password change): one address
/// holds at most its share of the slots, and when every slot is taken and the queue is full the
/// answer is an immediate 503, not a wait. A login parked inside its hash holds a slot for as long
/// as the test wants.
/// </summary>
public sealed class HashingBoundTests
{
    private const string Password = "password-1234";
    private const string Park = "park-this-password";

    [Fact]
    public async Task OneAddressHoldsOneSlot_ItsNextHashingRequestIs429_OtherAddressesGoOn()
    {
        using var hasher = new GatedPasswordHasher { ParkPassword = Park };
        await using var host = await StartAsync(hasher, concurrency: 2, queue: 0, perAddress: 1, perAddressQueue: 0);
        await host.RegisterAsync("alice");
        using var flooder = host.CreateClient("203.0.113.66");
        using var other = host.CreateClient("198.51.100.1");

        var parked = flooder.PostJsonAsync("/api/token/", new { username = "alice", password = Park });
        await hasher.WaitUntilParkedAsync();
        var (refused, headers) = await flooder.PostWithHeadersAsync("/api/token/", new { username = "alice", password = Password }).WaitAsync(TimeSpan.FromSeconds(20));
        var register = await flooder.PostJsonAsync("/api/register/", new { username = "mallory", password = Password }).WaitAsync(TimeSpan.FromSeconds(20));
        var served = await other.PostJsonAsync("/api/token/", new { username = "alice", password = Password }).WaitAsync(TimeSpan.FromSeconds(20));
        hasher.Release();

        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests, refused.ToString());
        refused.Code.ShouldBe("throttled");
        headers.GetValues("Retry-After").Single().ShouldBe("1");
        register.Status.ShouldBe(HttpStatusCode.TooManyRequests, register.ToString());
        served.Status.ShouldBe(HttpStatusCode.OK, served.ToString());
        (await parked).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EverySlotTaken_AndTheQueueFull_Answers503AtOnce()
    {
        using var hasher = new GatedPasswordHasher { ParkPassword = Park };
        await using var host = await StartAsync(hasher, concurrency: 1, queue: 0, perAddress: 1, perAddressQueue: 0);
        await host.RegisterAsync("alice");
        var (access, _) = await host.LoginAsync("alice");
        using var first = host.CreateClient("203.0.113.66");
        using var second = host.CreateClient("198.51.100.1");

        var parked = first.PostJsonAsync("/api/token/", new { username = "alice", password = Park });
        await hasher.WaitUntilParkedAsync();
        var (busy, headers) = await second.PostWithHeadersAsync("/api/token/", new { username = "alice", password = Password }).WaitAsync(TimeSpan.FromSeconds(20));
        var register = await second.PostJsonAsync("/api/register/", new { username = "bob", password = Password }).WaitAsync(TimeSpan.FromSeconds(20));
        var change = await second.PostJsonAsync("/api/password/change/", new { old_password = Password, new_password = "new-password-1" }, access).WaitAsync(TimeSpan.FromSeconds(20));
        var refresh = await second.PostJsonAsync("/api/token/verify/", new { token = access }).WaitAsync(TimeSpan.FromSeconds(20));
        hasher.Release();

        busy.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, busy.ToString());
        busy.Code.ShouldBe("service_unavailable");
        busy.Detail.ShouldBe("The server is busy. Try again shortly.");
        headers.GetValues("Retry-After").Single().ShouldBe("1");
        register.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        change.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refresh.Status.ShouldBe(HttpStatusCode.OK, "endpoints that hash nothing are not bounded");
        (await parked).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AQueuedRequest_RunsWhenASlotFrees()
    {
        using var hasher = new GatedPasswordHasher { ParkPassword = Park };
        await using var host = await StartAsync(hasher, concurrency: 1, queue: 1, perAddress: 1, perAddressQueue: 0);
        await host.RegisterAsync("alice");
        using var first = host.CreateClient("203.0.113.66");
        using var second = host.CreateClient("198.51.100.1");

        var parked = first.PostJsonAsync("/api/token/", new { username = "alice", password = Park });
        await hasher.WaitUntilParkedAsync();
        var queued = second.PostJsonAsync("/api/token/", new { username = "alice", password = Password });
        await Task.Delay(200);
        queued.IsCompleted.ShouldBeFalse("the second login waits for the slot");
        hasher.Release();

        (await queued.WaitAsync(TimeSpan.FromSeconds(20))).Status.ShouldBe(HttpStatusCode.OK);
        (await parked).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static Task<TestServerHost> StartAsync(GatedPasswordHasher hasher, int concurrency, int queue, int perAddress, int perAddressQueue) =>
        TestServerHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["RateLimiting:Enabled"] = "true",
                ["RateLimiting:HashingConcurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimiting:HashingQueue"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimiting:HashingConcurrencyPerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimiting:HashingQueuePerAddress"] = perAddressQueue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services: services =>
            {
                TestClientAddresses.Add(services);
                hasher.Add(services);
            });
}
