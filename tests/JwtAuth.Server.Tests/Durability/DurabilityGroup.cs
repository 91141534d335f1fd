namespace JwtAuth.Server.Tests.Durability;

/// <summary>
/// The SQLite durability test classes run one at a time: each starts the server as a process and
/// sends it a hundred requests at once, and on a small machine two of them side by side measure each
/// other (the PostgreSQL ones are in <see cref="Infrastructure.PostgresTestGroup"/>, one at a time too).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DurabilityGroup
{
    public const string Name = "Durability (server processes)";
}
