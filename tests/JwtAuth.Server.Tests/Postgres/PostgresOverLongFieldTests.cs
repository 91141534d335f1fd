using JwtAuth.Server.Tests.Abuse;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Postgres;

/// <summary>PostgreSQL refuses a row longer than <c>varchar(256)</c> (22001): that must never reach the client as a 500.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresOverLongFieldTests(PostgresServer postgres)
{
    [SkippableFact]
    public async Task Register_WithUserNameOver256_Answers400()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresHosts.StartAsync(postgres, "long");
        await OverLongFields.RegisterWithLongUserNameAnswers400(host);
    }

    [SkippableFact]
    public async Task Register_WithEmailOver256_Answers400()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresHosts.StartAsync(postgres, "long");
        await OverLongFields.RegisterWithLongEmailAnswers400(host);
    }

    [SkippableFact]
    public async Task Register_WithFieldsOf256_IsAccepted()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresHosts.StartAsync(postgres, "long");
        await OverLongFields.FieldsOf256AreAccepted(host);
    }

    [SkippableFact]
    public async Task Login_WithUserNameOver256_Answers400()
    {
        postgres.EnsureAvailable();
        await using var host = await PostgresHosts.StartAsync(postgres, "long");
        await OverLongFields.LoginWithLongUserNameAnswers400(host);
    }
}
