using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;

namespace JwtAuth.Server.Tests.Services;

/// <summary>
/// <c>GET /api/revocations/</c>: the revocation log after an id, bounded, resumable, and held open
/// until this node applies an entry.
/// </summary>
public sealed class RevocationFeedTests : ServiceTestBase
{
    protected override Task SeedAsync() => Host.RegisterAsync("alice");

    [Fact]
    public async Task Feed_AnswersTheLogAfterAnId_AtMostLimitEntries()
    {
        var first = await LogoutNewSessionAsync();
        var second = await LogoutNewSessionAsync();

        var page = await FeedAsync("?after=0&limit=1");
        page.Count.ShouldBe(1);
        page[0].GetProperty("subject").GetString().ShouldBe(first);
        page[0].GetProperty("kind").GetInt32().ShouldBe(0);

        var next = await FeedAsync($"?after={page[0].GetProperty("id").GetInt64()}");
        next.Select(entry => entry.GetProperty("subject").GetString()).ShouldContain(second);
        next.ShouldNotContain(entry => entry.GetProperty("subject").GetString() == first);
    }

    [Theory]
    [InlineData("?after=-1")]
    [InlineData("?after=abc")]
    [InlineData("?limit=0")]
    [InlineData("?limit=1001")]
    [InlineData("?wait=56")]
    public async Task Feed_BadQuery_Is400ProblemDetails(string query)
    {
        using var response = await SendAsync(query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"code\":\"invalid\"");
    }

    [Fact]
    public async Task Feed_LongPoll_AnswersAsSoonAsALogoutIsApplied()
    {
        var (access, refresh) = await Host.LoginAsync("alice");
        var last = (await FeedAsync("")).Select(entry => entry.GetProperty("id").GetInt64()).DefaultIfEmpty(0).Max();
        var held = SendAsync($"?after={last}&wait=55");
        await Task.Delay(100);
        held.IsCompleted.ShouldBeFalse("the feed answered at once with nothing new");

        var session = await LogoutAsync(access, refresh);

        // The fake clock never reaches the wait's end: only the logout can have ended it.
        using var response = await held.WaitAsync(TimeSpan.FromSeconds(10));
        var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").EnumerateArray().ToList();
        entries.ShouldContain(entry => entry.GetProperty("subject").GetString() == session);
    }

    [Fact]
    public async Task Feed_LongPoll_WithNothingNew_AnswersEmptyWhenTheWaitEnds()
    {
        var held = SendAsync("?after=1000000&wait=5");
        while (!held.IsCompleted)
        {
            Host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        using var response = await held;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("{\"entries\":[]}");
    }

    /// <summary>Logs in and out; returns the ended session's id as the log names it.</summary>
    private async Task<string> LogoutNewSessionAsync()
    {
        var (access, refresh) = await Host.LoginAsync("alice");
        return await LogoutAsync(access, refresh);
    }

    private async Task<string> LogoutAsync(string access, string refresh)
    {
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/logout/")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { refresh }), Encoding.UTF8, "application/json"),
        };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        (await Client.SendAsync(logout)).StatusCode.ShouldBe(HttpStatusCode.ResetContent);
        return TestJwt.Claims(access).GetProperty("sid").GetString()!;
    }

    private async Task<List<JsonElement>> FeedAsync(string query)
    {
        using var response = await SendAsync(query);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("entries").EnumerateArray().Select(entry => entry.Clone()).ToList();
    }

    private async Task<HttpResponseMessage> SendAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/revocations/" + query);
        request.Headers.Authorization = Credentials;
        return await Client.SendAsync(request);
    }
}
