using Microsoft.Data.Sqlite;
using Npgsql;

namespace JwtAuth.Server.Accounts;

/// <summary>
/// Identity checks that a user name is free before it inserts the user, but two registrations of one
/// name can both pass that check; the unique index on the normalized name then refuses the second
/// insert. That refusal is the same client mistake as a sequential duplicate, not an outage (SQLite)
/// or a bug (PostgreSQL 23505).
/// </summary>
internal static class DuplicateUserName
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    public static bool IsViolation(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "UserNameIndex" }:
                    return true;
                case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique } sqlite
                    when sqlite.Message.Contains(".NormalizedUserName", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }
}
