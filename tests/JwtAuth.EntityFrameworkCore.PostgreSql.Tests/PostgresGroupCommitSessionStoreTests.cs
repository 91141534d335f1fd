using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.EntityFrameworkCore.PostgreSql.Tests;

/// <summary>The store contract on PostgreSQL with every write group-committed, as <c>UseEntityFrameworkCore</c> registers the store.</summary>
[Collection(PostgresTestGroup.Name)]
public sealed class PostgresGroupCommitSessionStoreTests(PostgresServer postgres) : PostgresSessionStoreTests(postgres)
{
    protected override bool GroupCommit => true;
}
