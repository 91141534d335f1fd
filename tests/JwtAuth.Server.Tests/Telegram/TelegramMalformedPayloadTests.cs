using System.Net;
using System.Text.Json;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Telegram;

/// <summary>
/// Payloads that are missing fields or are not what Telegram sends: each a 400 <c>invalid</c>
/// problem naming the field, never a 500. None signs anyone in, so one server serves them all.
/// </summary>
public sealed class TelegramMalformedPayloadTests(TelegramMalformedPayloadTests.Server server) : IClassFixture<TelegramMalformedPayloadTests.Server>
{
    private const long TelegramId = 424242;
    private const string HexHash = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private HttpClient Client => server.Client;

    private DateTimeOffset Now => server.Host.Time.GetUtcNow();

    [Theory]
    [InlineData("hash")]
    [InlineData("auth_date")]
    [InlineData("id")]
    public async Task Widget_MissingField_IsRefused(string field)
    {
        var payload = TelegramPayloads.Widget(TelegramId, Now);
        payload.Remove(field);

        var response = await Client.PostJsonAsync("/api/telegram/login/", payload);

        TelegramPayloadTests.ShouldBeRefused(response, HttpStatusCode.BadRequest, "invalid");
        response.Json.GetProperty("errors").GetProperty(field).ToString().ShouldContain("required");
    }

    [Theory]
    [InlineData("hash")]
    [InlineData("auth_date")]
    [InlineData("user")]
    public async Task MiniApp_MissingField_IsRefused(string field)
    {
        var pairs = TelegramPayloads.InitData(TelegramId, Now).Split('&').Where(pair => !pair.StartsWith(field + "=", StringComparison.Ordinal));

        var response = await MiniAppAsync(string.Join('&', pairs));

        TelegramPayloadTests.ShouldBeRefused(response, HttpStatusCode.BadRequest, "invalid");
        response.Json.GetProperty("errors").GetProperty(field).ToString().ShouldContain("required");
    }

    [Fact]
    public async Task MiniApp_MissingInitData_IsRefused()
    {
        TelegramPayloadTests.ShouldBeRefused(await Client.PostJsonAsync("/api/telegram/webapp/", new { }), HttpStatusCode.BadRequest, "invalid");
        TelegramPayloadTests.ShouldBeRefused(await Client.PostJsonAsync("/api/telegram/webapp/", new { init_data = 5 }), HttpStatusCode.BadRequest, "invalid");
    }

    [Theory]
    [InlineData("query_id=%zz&auth_date=1&hash=00")]                      // a '%' without hex digits
    [InlineData("query_id=%4&auth_date=1&hash=00")]                       // cut short
    [InlineData("query_id=%C3%28&auth_date=1&hash=00")]                   // not UTF-8
    [InlineData("query_id&auth_date=1&hash=00")]                          // no '='
    [InlineData("query_id=a&&auth_date=1")]                               // an empty pair
    [InlineData("=a&auth_date=1")]                                        // an empty key
    [InlineData("auth_date=1&auth_date=2&hash=00")]                       // a key twice
    [InlineData("user=not-json&auth_date=1&hash=00")]                     // user is not JSON
    [InlineData("user=%7B%22id%22%3A%2242%22%7D&auth_date=1&hash=00")]    // user id is a string
    [InlineData("user=%5B1%5D&auth_date=1&hash=00")]                      // user is not an object
    public async Task MiniApp_MalformedInitData_IsRefused(string initData)
    {
        TelegramPayloadTests.ShouldBeRefused(await MiniAppAsync(initData), HttpStatusCode.BadRequest, "invalid");
    }

    [Fact]
    public async Task MiniApp_MalformedFieldsSignedByTheBot_AreStillRefused()
    {
        // Well signed, so only the reading can refuse them.
        var user = JsonSerializer.Serialize(new { id = TelegramId });
        var stamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        TelegramPayloadTests.ShouldBeRefused(
            await MiniAppAsync(TelegramPayloads.SignedInitData([("user", user), ("auth_date", "yesterday")])), HttpStatusCode.BadRequest, "invalid");
        TelegramPayloadTests.ShouldBeRefused(
            await MiniAppAsync(TelegramPayloads.SignedInitData([("user", "{\"id\":-5}"), ("auth_date", stamp)])), HttpStatusCode.BadRequest, "invalid");
        TelegramPayloadTests.ShouldBeRefused(
            await MiniAppAsync(TelegramPayloads.SignedInitData([("user", user), ("auth_date", "999999999999999")])), HttpStatusCode.BadRequest, "invalid");
    }

    [Theory]
    [InlineData("{\"id\":{\"a\":1},\"auth_date\":1,\"hash\":\"00\"}")]
    [InlineData("{\"id\":[1],\"auth_date\":1,\"hash\":\"00\"}")]
    [InlineData("{\"id\":null,\"auth_date\":1,\"hash\":\"00\"}")]
    [InlineData("{\"id\":1.5,\"auth_date\":1,\"hash\":\"" + HexHash + "\"}")]
    [InlineData("{\"id\":-1,\"auth_date\":1,\"hash\":\"" + HexHash + "\"}")]
    [InlineData("{\"id\":1,\"auth_date\":\"soon\",\"hash\":\"" + HexHash + "\"}")]
    [InlineData("{\"id\":1,\"auth_date\":1e3,\"hash\":\"" + HexHash + "\"}")]
    [InlineData("{\"id\":1,\"auth_date\":1,\"hash\":\"not-hex\"}")]
    [InlineData("{\"id\":1,\"auth_date\":1,\"hash\":\"abcd\"}")]
    [InlineData("{\"id\":1,\"auth_date\":1,\"hash\":12}")]
    [InlineData("{\"id\":1,\"id\":2,\"auth_date\":1,\"hash\":\"" + HexHash + "\"}")]
    [InlineData("{\"id\":1,\"auth_date\":1,\"hash\":\"" + HexHash + "\",\"first_name\":true}")]
    [InlineData("{}")]
    [InlineData("")]
    public async Task Widget_MalformedData_IsRefused(string body)
    {
        TelegramPayloadTests.ShouldBeRefused(await Client.PostRawAsync("/api/telegram/login/", body, "application/json"), HttpStatusCode.BadRequest, "invalid");
    }

    [Theory]
    [InlineData("/api/telegram/login/", "{\"id\":")]
    [InlineData("/api/telegram/webapp/", "[]")]
    [InlineData("/api/telegram/login/", "id=1&hash=2")]
    public async Task NotAJsonObject_IsRefused(string path, string body)
    {
        TelegramPayloadTests.ShouldBeRefused(await Client.PostRawAsync(path, body, "application/json"), HttpStatusCode.BadRequest, "invalid");
        // A form is read as DRF reads one (issue 10), and the fields are still not a valid payload.
        TelegramPayloadTests.ShouldBeRefused(await Client.PostRawAsync(path, body, "application/x-www-form-urlencoded"), HttpStatusCode.BadRequest, "invalid");
        (await Client.PostRawAsync(path, body, "text/plain")).Status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    private Task<ApiResponse> MiniAppAsync(string initData) => Client.PostJsonAsync("/api/telegram/webapp/", new { init_data = initData });

    /// <summary>The shared server, with the Telegram bots configured.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public TestServerHost Host { get; private set; } = null!;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await TestServerHost.StartAsync(TelegramPayloads.Settings());
            Client = Host.CreateClient();
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }
}
