using System.Runtime.CompilerServices;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Rotation in one PostgreSQL statement: the session row is locked first (<c>FOR UPDATE</c>, the
/// lock order of every other write), the token is consumed only if it still may be, and the
/// session's times and the successor are written only if it was. Under READ COMMITTED a rotation
/// that waited for a concurrent one re-checks the rows it locks on their committed versions, so of
/// concurrent rotations of one token exactly one consumes it, as with the portable statements.
/// </summary>
internal sealed class PostgresRotationStatement : IRotationStatement
{
    // The SQL names the model's tables and columns: one text per model.
    private static readonly ConditionalWeakTable<IModel, string> SqlByModel = [];

    public async Task<bool> TryRotateAsync(DbContext context, Guid consumedId, RefreshTokenRecord successor, long tokensExpireAtMs, long nowMs, CancellationToken cancellationToken)
    {
        var sql = SqlByModel.GetValue(context.Model, _ => BuildSql(context));
        var rows = await context.Database.ExecuteSqlRawAsync(
            sql,
            [
                successor.SessionId,
                nowMs,
                consumedId,
                successor.Id,
                successor.ExpiresAt.ToUnixTimeMilliseconds(),
                tokensExpireAtMs,
                successor.UserId,
                successor.IssuedAt.ToUnixTimeMilliseconds(),
            ],
            cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    private static string BuildSql(DbContext context)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var (sessions, s) = Names<SessionEntity>(context, sql);
        var (tokens, t) = Names<RefreshTokenEntity>(context, sql);
        // {0} session id, {1} now, {2} consumed token, {3} successor id, {4} successor expiry,
        // {5} tokens' expiry, {6} user id, {7} successor issued at.
        return $$"""
            WITH live AS (
                SELECT {{s("Id")}} FROM {{sessions}}
                WHERE {{s("Id")}} = {0} AND {{s("RevokedAtMs")}} IS NULL AND {{s("ExpiresAtMs")}} > {1}
                FOR UPDATE),
            consumed AS (
                UPDATE {{tokens}} SET {{t("ConsumedAtMs")}} = {1}, {{t("SuccessorId")}} = {3}
                WHERE {{t("Id")}} = {2} AND {{t("SessionId")}} IN (SELECT {{s("Id")}} FROM live)
                    AND {{t("ConsumedAtMs")}} IS NULL AND {{t("BlacklistedAtMs")}} IS NULL
                RETURNING {{t("SessionId")}}),
            used AS (
                UPDATE {{sessions}} SET {{s("LastUsedAtMs")}} = {1},
                    {{s("RefreshExpiresAtMs")}} = GREATEST({{s("RefreshExpiresAtMs")}}, {4}),
                    {{s("TokensExpireAtMs")}} = GREATEST({{s("TokensExpireAtMs")}}, {5})
                WHERE {{s("Id")}} IN (SELECT {{t("SessionId")}} FROM consumed))
            INSERT INTO {{tokens}} ({{t("Id")}}, {{t("SessionId")}}, {{t("UserId")}}, {{t("IssuedAtMs")}}, {{t("ExpiresAtMs")}})
            SELECT {3}, {0}, {6}, {7}, {4} FROM consumed
            """;
    }

    /// <summary>The entity's delimited table name, and a function from property to delimited column name.</summary>
    private static (string Table, Func<string, string> Column) Names<TEntity>(DbContext context, ISqlGenerationHelper sql)
    {
        var entity = context.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (sql.DelimitIdentifier(table.Name, table.Schema), property => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!));
    }
}
