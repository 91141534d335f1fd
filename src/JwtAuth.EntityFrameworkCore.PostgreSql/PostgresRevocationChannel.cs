namespace JwtAuth.EntityFrameworkCore.PostgreSql;

/// <summary>The <c>LISTEN/NOTIFY</c> channel on which instances announce revocation log writes.</summary>
internal static class PostgresRevocationChannel
{
    /// <summary>Lower case and unquoted alike, so <c>LISTEN</c> and <c>pg_notify</c> name the same channel.</summary>
    public const string Name = "jwtauth_revocations";
}
