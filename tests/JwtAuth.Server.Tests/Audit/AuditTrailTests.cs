using System.Net;
using System.Text.Json;
using JwtAuth.EntityFrameworkCore;
using JwtAuth.Server.Accounts;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using JwtAuth.Testing;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Audit;

/// <summary>The audit trail end to end: what the flows record, the staff API over it, and its retention.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string BobAddress = "203.0.113.7";
    private const string BobAgent = "AuditPhone/1.0";
    private const string Password = "password-1234";
    private const string NewPassword = "another-password-5678";

    private TestServerHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _bob = null!;
    private string _adminAccess = null!;
    private string _rootId = null!;
    private string _bobId = null!;

    public async Task InitializeAsync()
    {
        _host = await TestServerHost.StartAsync(
            // Access tokens outlive the days the clock is moved on here.
            new Dictionary<string, string?> { ["JwtAuth:Audit:Retention"] = "1d", ["JwtAuth:AccessTokenLifetime"] = "3d", ["JwtAuth:RefreshTokenLifetime"] = "7d" },
            services: TestClientAddresses.Add);
        using (var scope = _host.Services.CreateScope())
        {
            var (root, _) = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync("root", "root-password-1", null, isAdmin: true);
            _rootId = root.ShouldNotBeNull().Id;
        }

        _admin = _host.CreateClient("198.51.100.1");
        (_adminAccess, _) = await _host.LoginAsync("root", "root-password-1");
        _bobId = await _host.RegisterAsync("bob", Password);
        _bob = _host.CreateClient(BobAddress);
        _bob.DefaultRequestHeaders.UserAgent.ParseAdd(BobAgent);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _bob.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task SecurityEvents_AreRecordedWithTimeUserSessionClientAndActor_AndHoldNoSecret()
    {
        var secrets = new List<string> { Password, NewPassword, "wrong-password-0", "root-password-1", TestServerHost.SigningKey };
        var start = _host.Time.GetUtcNow();

        // Login ok and failed, from bob's phone.
        var (phoneAccess, phoneRefresh) = await LoginAsync(Password);
        secrets.AddRange([phoneAccess, phoneRefresh]);
        var phone = Sid(phoneAccess);
        (await _bob.PostJsonAsync("/api/token/", new { username = "bob", password = "wrong-password-0" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
        await _host.Services.GetRequiredService<LoginFailureRecorder>().WhenIdleAsync();

        // A rotated-out refresh token presented again: reuse ends the phone's session.
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var rotated = await _bob.PostJsonAsync("/api/token/refresh/", new { refresh = phoneRefresh });
        rotated.Status.ShouldBe(HttpStatusCode.OK);
        secrets.AddRange([rotated.Json.GetProperty("access").GetString()!, rotated.Json.GetProperty("refresh").GetString()!]);
        (await _bob.PostJsonAsync("/api/token/refresh/", new { refresh = phoneRefresh })).Status.ShouldBe(HttpStatusCode.Unauthorized);

        // A password change from the laptop ends the tablet's session; then the laptop logs out.
        var (tablet, _) = await LoginAsync(Password);
        var (laptop, laptopRefresh) = await LoginAsync(Password);
        secrets.AddRange([tablet, laptop, laptopRefresh]);
        (await _bob.PostJsonAsync("/api/password/change/", new { old_password = Password, new_password = NewPassword }, laptop)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _bob.PostJsonAsync("/api/logout/", new { refresh = laptopRefresh }, laptop)).Status.ShouldBe(HttpStatusCode.ResetContent);

        // The administrator disables and enables bob, ends his new session, and deletes him.
        (await _admin.PostJsonAsync($"/api/admin/users/{_bobId}/disable/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await _admin.PostJsonAsync($"/api/admin/users/{_bobId}/enable/", null, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        var (desktop, _) = await LoginAsync(NewPassword);
        secrets.Add(desktop);
        using (var end = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/sessions/{Sid(desktop)}/"))
        {
            (await _admin.SendAsync(end, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/admin/users/{_bobId}/"))
        {
            (await _admin.SendAsync(delete, _adminAccess)).Status.ShouldBe(HttpStatusCode.NoContent);
        }

        var events = (await ListAsync($"?user={_bobId}&page_size=200")).Json.GetProperty("results").EnumerateArray().ToList();

        var login = events.Single(e => Kind(e) == "login_succeeded" && Text(e, "session") == phone);
        Text(login, "detail").ShouldBe("password");
        Text(login, "ip_address").ShouldBe(BobAddress);
        Text(login, "user_agent").ShouldBe(BobAgent);
        login.GetProperty("actor").ValueKind.ShouldBe(JsonValueKind.Null);
        login.GetProperty("occurred_at").GetDateTimeOffset().ShouldBe(start, TimeSpan.FromMilliseconds(1));
        UserOf(login).ShouldBe(_bobId);

        var failed = events.Single(e => Kind(e) == "login_failed");
        (Text(failed, "detail"), Text(failed, "ip_address"), Text(failed, "user_agent")).ShouldBe(("wrong_password", BobAddress, BobAgent));

        var reuse = events.Single(e => Kind(e) == "refresh_token_reused");
        (Text(reuse, "session"), Text(reuse, "detail"), Text(reuse, "ip_address")).ShouldBe((phone, "refresh_token_reuse", BobAddress));

        var changed = events.Single(e => Kind(e) == "password_changed");
        (Text(changed, "session"), ActorOf(changed), Text(changed, "user_agent")).ShouldBe((Sid(laptop), _bobId, BobAgent));
        events.ShouldContain(e => Kind(e) == "session_ended" && Text(e, "detail") == "password_changed");

        var logout = events.Single(e => Kind(e) == "session_ended" && Text(e, "detail") == "logout");
        (Text(logout, "session"), ActorOf(logout), Text(logout, "ip_address")).ShouldBe((Sid(laptop), _bobId, BobAddress));

        // Admin actions carry the acting administrator and the administrator's client.
        foreach (var (kind, detail) in new[] { ("user_disabled", (string?)null), ("user_enabled", null), ("session_ended", "user_disabled"), ("session_ended", "administrator"), ("user_deleted", null) })
        {
            var action = events.Single(e => Kind(e) == kind && Text(e, "detail") == detail);
            ActorOf(action).ShouldBe(_rootId, $"{kind} {detail}");
            Text(action, "ip_address").ShouldBe("198.51.100.1");
        }

        events.Single(e => Kind(e) == "session_ended" && Text(e, "detail") == "administrator").GetProperty("session").GetString().ShouldBe(Sid(desktop));

        // No row holds a token, a password or the signing key, in any column.
        using var scope = _host.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<ServerDbContext>().Set<AuditEventEntity>().AsNoTracking().ToListAsync();
        rows.Count.ShouldBeGreaterThanOrEqualTo(events.Count);
        var stored = string.Join("\n", rows.Select(r => string.Join("|", r.Kind, r.UserId, r.SessionId, r.ActorId, r.IpAddress, r.UserAgent, r.Detail)));
        foreach (var secret in secrets)
        {
            stored.ShouldNotContain(secret);
            stored.ShouldNotContain(secret.Split('.')[^1]);
        }
    }

    [Fact]
    public async Task AuditApi_FiltersByUserKindSessionAndTime_NewestFirst_AndPagesAsDjangoRestFrameworkDoes()
    {
        var (first, _) = await LoginAsync(Password);
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var middle = _host.Time.GetUtcNow();
        var (second, _) = await LoginAsync(Password);
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var (third, _) = await LoginAsync(Password);

        var byUser = await ListAsync($"?user={_bobId}&kind=login_succeeded&page_size=2");
        byUser.Json.GetProperty("count").GetInt32().ShouldBe(3);
        byUser.Json.GetProperty("results").EnumerateArray().Select(e => Text(e, "session")).ShouldBe([Sid(third), Sid(second)]);
        var next = await _admin.GetAsync(byUser.Json.GetProperty("next").GetString()!, _adminAccess);
        next.Json.GetProperty("results").EnumerateArray().Select(e => Text(e, "session")).ShouldBe([Sid(first)]);
        next.Json.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ListAsync($"?user={_bobId}&page=3&page_size=2")).Status.ShouldBe(HttpStatusCode.NotFound);

        var bySession = await ListAsync($"?session={Sid(second)}");
        bySession.Json.GetProperty("results").EnumerateArray().Select(e => Text(e, "session")).ShouldBe([Sid(second)]);

        // from is inclusive, to exclusive; both ISO 8601.
        var window = await ListAsync($"?user={_bobId}&from={Uri.EscapeDataString(middle.ToString("O"))}&to={Uri.EscapeDataString(middle.AddMinutes(10).ToString("O"))}");
        window.Json.GetProperty("results").EnumerateArray().Select(e => Text(e, "session")).ShouldBe([Sid(second)]);

        // The administrator's own login is another user's and another kind's business.
        (await ListAsync($"?user={_rootId}")).Json.GetProperty("count").GetInt32().ShouldBe(1);
        (await ListAsync("?kind=user_deleted")).Json.GetProperty("count").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task AuditApi_RefusesNonStaffAndAnonymous_AndAnswersBadFiltersWith400()
    {
        var (bobAccess, _) = await LoginAsync(Password);

        var forbidden = await _bob.GetAsync("/api/admin/audit/", bobAccess);
        forbidden.Status.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Code.ShouldBe("permission_denied");
        (await _bob.GetAsync("/api/admin/audit/", bearer: null)).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var bad = await ListAsync("?session=not-a-session&from=yesterday&to=2026-13-45");
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.ContentType.ShouldBe("application/problem+json");
        var errors = bad.Json.GetProperty("errors");
        errors.GetProperty("session")[0].GetString().ShouldBe("Not a valid session id.");
        errors.GetProperty("from")[0].GetString()!.ShouldStartWith("Datetime has wrong format.");
        errors.GetProperty("to")[0].GetString()!.ShouldStartWith("Datetime has wrong format.");
    }

    [Fact]
    public async Task Events_OlderThanTheRetention_ArePrunedOnTheClock_AndYoungerOnesKept()
    {
        var (old, _) = await LoginAsync(Password);
        _host.Time.Advance(TimeSpan.FromDays(2));
        var (young, _) = await LoginAsync(Password);

        // The pruning loop waits its interval (1 hour) on the fake clock; each step lets one round run.
        for (var step = 0; step < 20 && (await ListAsync($"?session={Sid(old)}")).Json.GetProperty("count").GetInt32() > 0; step++)
        {
            _host.Time.Advance(TimeSpan.FromHours(1));
            await Task.Delay(50);
        }

        (await ListAsync($"?session={Sid(old)}")).Json.GetProperty("count").GetInt32().ShouldBe(0);
        (await ListAsync($"?session={Sid(young)}")).Json.GetProperty("count").GetInt32().ShouldBe(1);
    }

    private async Task<(string Access, string Refresh)> LoginAsync(string password)
    {
        var response = await _bob.PostJsonAsync("/api/token/", new { username = "bob", password });
        response.Status.ShouldBe(HttpStatusCode.OK, response.Body);
        return (response.Json.GetProperty("access").GetString()!, response.Json.GetProperty("refresh").GetString()!);
    }

    private Task<ApiResponse> ListAsync(string query) => _admin.GetAsync("/api/admin/audit/" + query, _adminAccess);

    private static string Sid(string token) => TestJwt.Claims(token).GetProperty("sid").GetString()!;

    private static string Kind(JsonElement e) => e.GetProperty("kind").GetString()!;

    private static string? Text(JsonElement e, string name) => e.GetProperty(name).GetString();

    // Numeric user ids travel as JSON numbers, as everywhere on the wire.
    private static string? UserOf(JsonElement e) => Id(e.GetProperty("user"));

    private static string? ActorOf(JsonElement e) => Id(e.GetProperty("actor"));

    private static string? Id(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => id.GetRawText(),
        _ => id.GetString(),
    };
}
