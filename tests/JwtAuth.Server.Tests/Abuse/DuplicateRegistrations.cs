using System.Net;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>Two registrations of one name, the second committing while the first is between Identity's check and its insert.</summary>
public static class DuplicateRegistrations
{
    public static async Task LoserAnswers400AlreadyExists(TestServerHost host, RegistrationGate gate)
    {
        var (winner, loser) = await gate.RaceAsync(host, new { username = "zoe", password = "first-password" }, new { username = "zoe", password = "second-password" });

        winner.Status.ShouldBe(HttpStatusCode.Created, winner.ToString());
        loser.Status.ShouldBe(HttpStatusCode.BadRequest, loser.ToString());
        loser.Code.ShouldBe("invalid");
        loser.Json.GetProperty("errors").GetProperty("username")[0].GetString().ShouldBe("A user with that username already exists.");
        // Exactly one user: the winner's.
        await host.LoginAsync("zoe", "second-password");
        using var client = host.CreateClient();
        (await client.PostJsonAsync("/api/token/", new { username = "zoe", password = "first-password" })).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
