namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>Test classes in this collection share one <see cref="PostgresServer"/> and run one at a time (some restart it).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "Postgres";
}
