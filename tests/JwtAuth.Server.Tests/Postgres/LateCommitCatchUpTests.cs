using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>
/// Issue 8's reproduction: a revocation whose transaction takes its log id, stays open while later
/// ids commit, and commits last. The other instance must apply it when it commits.
/// </summary>
[Collection(PostgresTestGroup.Name)]
public sealed class LateCommitCatchUpTests(PostgresServer postgres)
{
    private static readonly TimeSpan GapTimeout = TimeSpan.FromMinutes(1);

    [SkippableTheory]
    [InlineData("on a fresh node")]
    [InlineData("after the gap timeout")]
    public async Task ARevocationCommittedAfterLaterIds_IsAppliedByTheOtherInstance(string when)
    {
        postgres.EnsureAvailable();
        var connectionString = await postgres.CreateDatabaseAsync("latecommit");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // Polling in real time as well as notifications: nothing here waits for an interval to pass.
        var settings = new Dictionary<string, string?> { ["JwtAuth:Revocation:CatchUpInterval"] = "00:00:00.200" };
        await using var a = await PostgresInstances.StartAsync(connectionString, "a", time, settings);
        await using var b = await PostgresInstances.StartAsync(connectionString, "b", time, settings);
        await a.WaitUntilListeningAsync();
        await b.WaitUntilListeningAsync();
        await a.RegisterAsync("alice");
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        if (when == "after the gap timeout")
        {
            // B has read the log before: only the gap's own clock can pass the held id over.
            await LogOutOnAAndWaitForBAsync(a, clientA, clientB);
        }

        var (victim, _) = await a.LoginAsync("alice");
        (await clientB.GetAsync(TestServerHost.ProtectedPath, victim)).Status.ShouldBe(HttpStatusCode.OK);

        // The victim's revocation takes its id in a transaction that stays open.
        await using var held = new NpgsqlConnection(connectionString);
        await held.OpenAsync();
        await using var transaction = await held.BeginTransactionAsync();
        var heldId = await ExecuteAsync(
            held,
            """
            INSERT INTO jwtauth_revocations ("Kind", "Subject", "NotBefore", "ExpiresAt", "CreatedAtMs")
            VALUES (0, @subject, 0, @expiresAt, 0) RETURNING "Id"
            """,
            ("subject", TestJwt.Claims(victim).GetProperty("sid").GetString()!),
            ("expiresAt", time.GetUtcNow().AddDays(1).ToUnixTimeSeconds()));

        // A logout on A commits the ids after it, and B applies them.
        await LogOutOnAAndWaitForBAsync(a, clientA, clientB);
        if (when == "after the gap timeout")
        {
            time.Advance(GapTimeout + TimeSpan.FromSeconds(1));
            // A round that starts after the clock moved (the one that reads this logout) gives the gap up.
            await LogOutOnAAndWaitForBAsync(a, clientA, clientB);
        }

        // The held transaction commits, announcing itself as the store does.
        await ExecuteAsync(held, "SELECT pg_notify('jwtauth_revocations', @id)", ("id", heldId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await transaction.CommitAsync();
        if (when == "after the gap timeout")
        {
            // Given-up gaps are re-read once per gap timeout.
            time.Advance(GapTimeout);
        }

        await PostgresInstances.WaitUntilAsync(
            async () => (await clientB.GetAsync(TestServerHost.ProtectedPath, victim)).Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10),
            $"instance B to apply revocation {heldId}, committed after later ids");
    }

    private static async Task LogOutOnAAndWaitForBAsync(TestServerHost a, HttpClient clientA, HttpClient clientB)
    {
        var (access, refresh) = await a.LoginAsync("alice");
        (await clientA.PostJsonAsync("/api/logout/", new { refresh }, access)).Status.ShouldBe(HttpStatusCode.ResetContent);
        await PostgresInstances.WaitUntilAsync(
            async () => (await clientB.GetAsync(TestServerHost.ProtectedPath, access)).Status == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10),
            "instance B to apply the logout on A");
    }

    private static async Task<long> ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync() is long id ? id : 0;
    }
}
