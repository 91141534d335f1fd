namespace JwtAuth.Server.Django;

/// <summary>What an import reads from a Django database or a <c>dumpdata</c> file.</summary>
/// <param name="Users">The <c>auth_user</c> rows, by id.</param>
/// <param name="Tokens">The <c>token_blacklist_outstandingtoken</c> rows, each with whether it is blacklisted.</param>
/// <param name="HasTokenTables">False when the source has no <c>token_blacklist</c> app: users only.</param>
internal sealed record DjangoExport(IReadOnlyList<DjangoUser> Users, IReadOnlyList<DjangoOutstandingToken> Tokens, bool HasTokenTables);
