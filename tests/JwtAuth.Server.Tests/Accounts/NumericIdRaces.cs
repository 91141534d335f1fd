using System.Net;
using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>
/// Two registrations that pick the same next number: the first is parked after it took its id and
/// before its insert while the second commits under that id. Both must still succeed, under different ids.
/// </summary>
public static class NumericIdRaces
{
    public static async Task BothRegistrationsGetTheirOwnNumber(TestServerHost host, RegistrationGate gate)
    {
        var (winner, loser) = await gate.RaceAsync(host, new { username = "first", password = "first-password" }, new { username = "second", password = "second-password" });

        winner.Status.ShouldBe(HttpStatusCode.Created, winner.ToString());
        loser.Status.ShouldBe(HttpStatusCode.Created, loser.ToString());
        winner.Json.GetProperty("id").GetInt64().ShouldBe(1);
        loser.Json.GetProperty("id").GetInt64().ShouldBe(2);
        (await host.LoginAsync("first", "first-password")).Access.ShouldNotBeEmpty();
    }
}
