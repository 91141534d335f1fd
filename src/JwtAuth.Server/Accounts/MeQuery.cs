using JwtAuth.Server.Data;
using Microsoft.EntityFrameworkCore;

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

    private static readonly Func<ServerDbContext, string, CancellationToken, Task<Row?>> Compiled = EF.CompileAsyncQuery(
        (ServerDbContext db, string userId, CancellationToken cancellationToken) => db.Users
            .AsNoTracking()
            .TagWith(Tag)
            .Where(user => user.Id == userId)
            .Select(user => new Row(user.Id, user.UserName, user.Email, user.IsActive, user.IsAdmin, user.DateJoinedMs, user.LastLoginMs))
            .FirstOrDefault());

    /// <summary>The user as <c>me</c> shows it, or null when there is no such user.</summary>
    public static async Task<UserResponse?> ReadAsync(ServerDbContext db, string userId, CancellationToken cancellationToken)
    {
        var row = await Compiled(db, userId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : UserResponse.From(row.Id, row.UserName, row.Email, row.IsActive, row.IsAdmin, row.DateJoinedMs, row.LastLoginMs);
    }

    private sealed record Row(string Id, string? UserName, string? Email, bool IsActive, bool IsAdmin, long DateJoinedMs, long? LastLoginMs);
}
