using JwtAuth.Server.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JwtAuth.Server.Users;

/// <summary>
/// Django's user ids: a new user gets the next number (1, 2, 3, …) above the largest numeric id in
/// the users table, so that SimpleJWT clients see the integer <c>user_id</c> they expect. The table
/// is read at each creation: users inserted with explicit ids (a Django import) are counted without
/// telling anyone, and users of older installs keep their GUID ids. Creations on this node never
/// hand out one number twice (the last one handed out is remembered); a creation on another node or
/// an import can still take the number first, and then the primary key refuses the insert, which
/// takes the next number. A creation that fails leaves its number unused, as a Django sequence does.
/// </summary>
internal sealed class NumericUserIds
{
    // 18 digits stay below long.MaxValue after the + 1; a longer all-digit id is not one of ours.
    private const string SqliteNext =
        """SELECT COALESCE(MAX(CAST("Id" AS INTEGER)), 0) + 1 AS "Value" FROM "AspNetUsers" """
        + """WHERE "Id" GLOB '[1-9]*' AND "Id" NOT GLOB '*[^0-9]*' AND length("Id") <= 18""";

    // No braces in the pattern: EF Core reads {n} in raw SQL as a parameter placeholder.
    private const string PostgresNext =
        """SELECT COALESCE(MAX(CAST("Id" AS bigint)), 0) + 1 AS "Value" FROM "AspNetUsers" WHERE "Id" ~ '^[1-9][0-9]*$' AND length("Id") <= 18""";

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;

    private long _last;

    /// <summary>The next free number: above the table's largest and above what this node handed out.</summary>
    public async Task<long> NextAsync(ServerDbContext db, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQueryRaw<long>(db is PostgresServerDbContext ? PostgresNext : SqliteNext)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var taken = Math.Max(next, last + 1);
            if (Interlocked.CompareExchange(ref _last, taken, last) == last)
            {
                return taken;
            }
        }
    }

    /// <summary>Whether an insert failed because another user took the id first.</summary>
    public static bool IsTakenId(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "PK_AspNetUsers" }:
                case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintPrimaryKey }:
                    return true;
            }
        }

        return false;
    }
}
