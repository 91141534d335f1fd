using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>Input PostgreSQL cannot store (a NUL in text) is the client's error, never a 5xx.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresInputTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Obtain_WithNulInUserName_Answers401LikeAnUnknownUser()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresInstances.StartAsync(await postgres.CreateDatabaseAsync("input"), "i", new FakeTimeProvider(DateTimeOffset.UtcNow));
        await host.RegisterAsync("alice");
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/", new { username = "alice\0", password = "password-1234" });

        response.Status.ShouldBe(HttpStatusCode.Unauthorized, response.ToString());
        response.Code.ShouldBe("no_active_account");
    }

    [SkippableFact]
    public async Task Register_WithNulInEmail_Answers400()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresInstances.StartAsync(await postgres.CreateDatabaseAsync("input"), "i", new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/register/", new { username = "carol", password = "password-1234", email = "carol\0@example.com" });

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Json.GetProperty("errors").GetProperty("email")[0].GetString().ShouldBe("Enter a valid email address.");
    }
}
