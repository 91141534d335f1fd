using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace JwtAuth.Server.Django;

/// <summary>
/// Reads <c>auth_user</c> and SimpleJWT's <c>token_blacklist</c> tables straight from a Django
/// database, SQLite (opened read-only) or PostgreSQL: the same two queries on either.
/// </summary>
internal static class DjangoDatabaseReader
{
    private const string UsersQuery =
        "SELECT id, username, email, password, is_active, is_staff, is_superuser, date_joined, last_login FROM auth_user ORDER BY id";

    private const string TokensQuery =
        "SELECT o.jti, o.user_id, o.expires_at, CASE WHEN b.id IS NULL THEN 0 ELSE 1 END "
        + "FROM token_blacklist_outstandingtoken o LEFT JOIN token_blacklist_blacklistedtoken b ON b.token_id = o.id ORDER BY o.id";

    public static Task<DjangoExport> ReadSqliteAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new DjangoImportException($"cannot read the Django database '{path}': no such file.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        return ReadAsync(connection, $"'{path}'", cancellationToken);
    }

    public static Task<DjangoExport> ReadPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the keyword, never the value: no password reaches the message.
            throw new DjangoImportException($"the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        // Named by host and database only: the connection string may hold a password.
        return ReadAsync(new NpgsqlConnection(builder.ConnectionString), $"PostgreSQL database '{builder.Database}' on {builder.Host}", cancellationToken);
    }

    private static async Task<DjangoExport> ReadAsync(DbConnection connection, string source, CancellationToken cancellationToken)
    {
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var users = await QueryAsync(connection, UsersQuery, ReadUser, cancellationToken).ConfigureAwait(false)
                    ?? throw new DjangoImportException($"{source} is not a Django database: it has no auth_user table (a custom AUTH_USER_MODEL is not supported).");
                var tokens = await QueryAsync(connection, TokensQuery, ReadToken, cancellationToken).ConfigureAwait(false);
                return new DjangoExport(users, tokens ?? [], tokens is not null);
            }
            catch (DbException ex)
            {
                throw new DjangoImportException($"cannot read {source}: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The rows, or null when the table does not exist.</summary>
    private static async Task<List<T>?> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        catch (DbException ex) when (ex.SqlState == "42P01" || ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static DjangoUser ReadUser(DbDataReader row) => new(
        Convert.ToInt64(row.GetValue(0), CultureInfo.InvariantCulture),
        row.GetString(1),
        row.IsDBNull(2) ? "" : row.GetString(2),
        row.GetString(3),
        Convert.ToBoolean(row.GetValue(4), CultureInfo.InvariantCulture),
        Convert.ToBoolean(row.GetValue(5), CultureInfo.InvariantCulture),
        Convert.ToBoolean(row.GetValue(6), CultureInfo.InvariantCulture),
        DjangoTime.Parse(row.GetValue(7)),
        row.IsDBNull(8) ? null : DjangoTime.Parse(row.GetValue(8)));

    private static DjangoOutstandingToken ReadToken(DbDataReader row) => new(
        row.GetString(0),
        row.IsDBNull(1) ? null : Convert.ToInt64(row.GetValue(1), CultureInfo.InvariantCulture),
        DjangoTime.Parse(row.GetValue(2)),
        Convert.ToInt64(row.GetValue(3), CultureInfo.InvariantCulture) == 1);
}
