using System.Net;
using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Hosting;

/// <summary>DRF's default parsers: every endpoint that takes a body reads forms and multipart as it reads JSON.</summary>
public sealed class FormBodyTests : ServerTestBase
{
    private const string Password = "alice-password-1";

    protected override async Task SeedAsync()
    {
        await Host.RegisterAsync("alice", Password);
    }

    public static TheoryData<bool> Kinds => new() { false, true };

    private static HttpContent Form(bool multipart, params (string Name, string Value)[] fields)
    {
        if (!multipart)
        {
            return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private async Task<ApiResponse> PostFormAsync(string path, bool multipart, string? bearer, params (string Name, string Value)[] fields)
    {
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Form(multipart, fields) };
        return await client.SendAsync(request, bearer);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryTokenEndpoint_AcceptsAFormBody(bool multipart)
    {
        var obtained = await PostFormAsync("/api/token/", multipart, null, ("username", " alice "), ("password", Password));
        obtained.Status.ShouldBe(HttpStatusCode.OK, obtained.ToString());
        var access = obtained.Field("access")!;
        var refresh = obtained.Field("refresh")!;

        (await PostFormAsync("/api/token/verify/", multipart, null, ("token", access))).Status.ShouldBe(HttpStatusCode.OK);
        var refreshed = await PostFormAsync("/api/token/refresh/", multipart, null, ("refresh", refresh));
        refreshed.Status.ShouldBe(HttpStatusCode.OK, refreshed.ToString());
        (await PostFormAsync("/api/token/blacklist/", multipart, null, ("refresh", refreshed.Field("refresh")!))).Status.ShouldBe(HttpStatusCode.OK);

        var sliding = await PostFormAsync("/api/token/sliding/", multipart, null, ("username", "alice"), ("password", Password));
        sliding.Status.ShouldBe(HttpStatusCode.OK, sliding.ToString());
        var slid = await PostFormAsync("/api/token/sliding/refresh/", multipart, null, ("token", sliding.Field("token")!));
        slid.Status.ShouldBe(HttpStatusCode.OK, slid.ToString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AccountEndpointsAndLogout_AcceptAFormBody(bool multipart)
    {
        var registered = await PostFormAsync("/api/register/", multipart, null, ("username", "bob"), ("password", "bob-password-1"), ("email", "bob@example.com"));
        registered.Status.ShouldBe(HttpStatusCode.Created, registered.ToString());

        var (access, refresh) = await Host.LoginAsync("bob", "bob-password-1");
        var changed = await PostFormAsync("/api/password/change/", multipart, access, ("old_password", "bob-password-1"), ("new_password", "bob-password-2"));
        changed.Status.ShouldBe(HttpStatusCode.NoContent, changed.ToString());

        (access, refresh) = await Host.LoginAsync("bob", "bob-password-2");
        var loggedOut = await PostFormAsync("/api/logout/", multipart, access, ("refresh", refresh));
        loggedOut.Status.ShouldBe(HttpStatusCode.ResetContent, loggedOut.ToString());
        using var client = Host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(false, "password", "This field is required.")]
    [InlineData(true, "password", "This field is required.")]
    public async Task AMissingField_HasDrfsMessage(bool multipart, string field, string message)
    {
        var response = await PostFormAsync("/api/token/", multipart, null, ("username", "alice"));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Code.ShouldBe("invalid");
        response.Json.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ABlankField_HasDrfsMessage(bool multipart)
    {
        var response = await PostFormAsync("/api/token/", multipart, null, ("username", "  "), ("password", Password));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe("This field may not be blank.");
    }

    [Fact]
    public async Task AFileWhereTextIsExpected_IsNotAValidString()
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent("alice"), "username" },
            { new ByteArrayContent("alice-password-1"u8.ToArray()), "password", "password.txt" },
        };
        using var client = Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token/") { Content = content };

        var response = await client.SendAsync(request, null);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty("password")[0].GetString().ShouldBe("Not a valid string.");
    }

    [Fact]
    public async Task ARepeatedField_CountsWithItsLastValue()
    {
        var response = await PostFormAsync("/api/token/", false, null, ("username", "alice"), ("password", "wrong"), ("password", Password));

        response.Status.ShouldBe(HttpStatusCode.OK, response.ToString());
    }

    [Fact]
    public async Task AnEmptyForm_ReadsAsNoFields_EvenOnLogout()
    {
        var (access, _) = await Host.LoginAsync("alice", Password);

        var response = await PostFormAsync("/api/logout/", false, access);

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        response.Json.GetProperty("errors").GetProperty("refresh")[0].GetString().ShouldBe("This field is required.");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AFormOver64KiB_Is413(bool multipart)
    {
        var response = await PostFormAsync("/api/token/", multipart, null, ("username", "alice"), ("password", new string('p', 70_000)));

        response.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Code.ShouldBe("payload_too_large");
    }

    [Theory]
    [InlineData("multipart/form-data", "x")]
    [InlineData("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice")]
    public async Task AMalformedForm_Is400(string contentType, string body)
    {
        using var client = Host.CreateClient();

        var response = await client.PostRawAsync("/api/token/", body, contentType);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Code.ShouldBe("invalid");
    }

    [Fact]
    public async Task TheLoginLimitPerAccount_ReadsTheUserNameOfAForm()
    {
        await using var host = await RateLimitTests.StartAsync(new() { ["RateLimiting:LoginPerAccountPermitsPerMinute"] = "1" });
        await host.RegisterAsync("alice", Password);

        async Task<HttpStatusCode> Login(string address)
        {
            using var client = host.CreateClient(address);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token/") { Content = Form(false, ("username", "alice"), ("password", Password)) };
            return (await client.SendAsync(request, null)).Status;
        }

        (await Login("198.51.100.1")).ShouldBe(HttpStatusCode.OK);
        (await Login("198.51.100.2")).ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
