using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>User names and emails longer than their columns (256): the same 400 on every database.</summary>
public static class OverLongFields
{
    public const string TooLong = "Ensure this field has no more than 256 characters.";

    public static readonly string UserName257 = new('u', 257);
    public static readonly string Email257 = new string('e', 245) + "@example.com";

    public static async Task RegisterWithLongUserNameAnswers400(TestServerHost host)
    {
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = UserName257, password = "password-1234" });

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Code.ShouldBe("invalid");
        response.Json.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe(TooLong);
    }

    public static async Task RegisterWithLongEmailAnswers400(TestServerHost host)
    {
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = "erin", password = "password-1234", email = Email257 });

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe(TooLong);
        (await client.PostJsonAsync("/api/token/", new { username = "erin", password = "password-1234" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static async Task FieldsOf256AreAccepted(TestServerHost host)
    {
        using var client = host.CreateClient();
        var userName = new string('u', 256);
        var email = new string('e', 244) + "@example.com";

        var response = await client.PostJsonAsync("/api/register/", new { username = userName, password = "password-1234", email });

        response.Status.ShouldBe(HttpStatusCode.Created, response.ToString());
        await host.LoginAsync(userName);
    }

    public static async Task LoginWithLongUserNameAnswers400(TestServerHost host)
    {
        using var client = host.CreateClient();

        foreach (var path in new[] { "/api/token/", "/api/token/sliding/" })
        {
            var response = await client.PostJsonAsync(path, new { username = UserName257, password = "password-1234" });

            response.Status.ShouldBe(HttpStatusCode.BadRequest, $"{path}: {response}");
            response.Json.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe(TooLong);
        }
    }
}
