using System.Data.Common;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// Tells a database that cannot be reached from a bug, so that hosts answer 503 for the first and
/// keep 500 for the second. Shared by the session store and hosts that query the same database
/// (user stores), so both agree.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>Runs a store operation, reporting a database that cannot be reached as <see cref="SessionStoreUnavailableException"/> (a 503, not a 500).</summary>
    internal static async Task<T> ReportUnavailableAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new SessionStoreUnavailableException("The session database is unavailable.", ex);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> means the database could not be reached or dropped the
    /// connection: a provider exception, a timeout, or either wrapped by EF Core (a failed save, or
    /// the execution strategy's "transient failure" <see cref="InvalidOperationException"/> that
    /// Npgsql and SQL Server raise when retries are off).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => !IsLostRace(exception) && exception switch
    {
        DbException db => !IsRefusedStatement(db),
        TimeoutException => true,
        DbUpdateException { InnerException: DbException db } => !IsRefusedStatement(db),
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <summary>
    /// Whether the database aborted the transaction to break a deadlock or a serialisation
    /// conflict (SQLSTATE 40P01, 40001): the transaction lost a race and can simply run again.
    /// </summary>
    public static bool IsLostRace(Exception exception) => exception switch
    {
        DbException db => db.SqlState is "40P01" or "40001",
        { InnerException: { } inner } => IsLostRace(inner),
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> says a <c>jwtauth_</c> table does not exist (SQLite's
    /// "no such table", PostgreSQL's SQLSTATE 42P01): the host has not added JwtAuth's tables.
    /// </summary>
    public static bool IsMissingJwtAuthTable(Exception exception) => exception switch
    {
        DbException db => (db.SqlState == "42P01" || db.Message.Contains("no such table", StringComparison.Ordinal))
            && db.Message.Contains("jwtauth_", StringComparison.Ordinal),
        { InnerException: { } inner } => IsMissingJwtAuthTable(inner),
        _ => false,
    };

    /// <summary>
    /// The database answered and refused the statement itself: SQLSTATE class 22 (data exception,
    /// such as a NUL character PostgreSQL text cannot hold), 23 (constraint violation) or 42
    /// (syntax, missing table). Retrying later cannot help, so it is not an outage.
    /// </summary>
    /// <remarks>
    /// SQLite sets no SQLSTATE: its result code says the same (1 an SQL error such as a missing
    /// table, 19 a constraint, 20 a type mismatch, 25 a value out of range). The code is read by
    /// name so that this package needs no SQLite reference.
    /// </remarks>
    private static bool IsRefusedStatement(DbException exception) =>
        exception.SqlState is { Length: 5 } state
            ? state[..2] is "22" or "23" or "42"
            : SqliteResultCode(exception) is 1 or 19 or 20 or 25;

    private static int? SqliteResultCode(DbException exception) =>
        exception.GetType().GetProperty("SqliteErrorCode")?.GetValue(exception) as int?;
}
