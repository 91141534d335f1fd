using System.Net;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Tests.Accounts;

/// <summary>
/// Registrations that race for the next number. The first is parked after it took its number and
/// before its insert (<see cref="RegistrationGate"/>).
/// </summary>
public static class NumericIdRaces
{
    /// <summary>A second registration on the same node commits meanwhile: it takes another number.</summary>
    public static async Task ConcurrentRegistrations_TakeDifferentNumbers(TestServerHost host, RegistrationGate gate)
    {
        var (winner, loser) = await gate.RaceAsync(host, new { username = "first", password = "first-password" }, new { username = "second", password = "second-password" });

        winner.Status.ShouldBe(HttpStatusCode.Created, winner.ToString());
        loser.Status.ShouldBe(HttpStatusCode.Created, loser.ToString());
        loser.Json.GetProperty("id").GetInt64().ShouldBe(1);
        winner.Json.GetProperty("id").GetInt64().ShouldBe(2);
    }

    /// <summary>
    /// Another node or an import inserts a user under the parked registration's number meanwhile: the
    /// primary key refuses the parked insert, which takes the next number and succeeds.
    /// </summary>
    public static async Task ANumberTakenElsewhere_IsSkipped(TestServerHost host, RegistrationGate gate)
    {
        using var client = host.CreateClient();
        var parked = client.PostJsonAsync("/api/register/", new { username = "parked", password = "parked-password" });
        await gate.Parked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServerDbContext>();
            db.Users.Add(new ServerUser { Id = "1", UserName = "imported", NormalizedUserName = "IMPORTED", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }

        gate.Release.SetResult();
        var registered = await parked;

        registered.Status.ShouldBe(HttpStatusCode.Created, registered.ToString());
        registered.Json.GetProperty("id").GetInt64().ShouldBe(2);
        (await host.LoginAsync("parked", "parked-password")).Access.ShouldNotBeEmpty();
    }
}
