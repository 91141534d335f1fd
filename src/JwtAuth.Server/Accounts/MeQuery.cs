using System.Runtime.CompilerServices;
using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// The database read behind <c>/api/me/</c>: one compiled, untracked query of the fields the answer
/// shows. Identity's <c>FindByIdAsync</c> built the query again on every call and tracked a whole
/// user; this is the read a cache miss pays.
/// </summary>
internal static class MeQuery
{
    /// <summary>Tags the SQL (<c>-- me</c>), for the database's logs and for tests that find the read.</summary>
    public const string Tag = "me";

    // EF Core runs a compiled query against the one model it was compiled for: one per model, so
    // that SQLite and PostgreSQL contexts (the CLI, the tests) can share a process.
    private static readonly ConditionalWeakTable<IModel, Func<ServerDbContext, string, CancellationToken, Task<Row?>>> ByModel = [];

    /// <summary>The user as <c>me</c> shows it, or null when there is no such user.</summary>
    public static async Task<UserResponse?> ReadAsync(ServerDbContext db, string userId, CancellationToken cancellationToken)
    {
        var query = ByModel.GetValue(db.Model, static _ => Compile());
        var row = await query(db, userId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : UserResponse.From(row.Id, row.UserName, row.Email, row.IsActive, row.IsAdmin, row.DateJoinedMs, row.LastLoginMs);
    }

    private static Func<ServerDbContext, string, CancellationToken, Task<Row?>> Compile() => EF.CompileAsyncQuery(
        (ServerDbContext db, string userId, CancellationToken cancellationToken) => db.Users
            .AsNoTracking()
            .TagWith(Tag)
            .Where(user => user.Id == userId)
            .Select(user => new Row(user.Id, user.UserName, user.Email, user.IsActive, user.IsAdmin, user.DateJoinedMs, user.LastLoginMs))
            .FirstOrDefault());

    private sealed record Row(string Id, string? UserName, string? Email, bool IsActive, bool IsAdmin, long DateJoinedMs, long? LastLoginMs);
}
