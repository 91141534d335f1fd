using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// A provider's rotation as one statement, one round trip to the database: it consumes the token
/// and stores its successor only if the session is live and the token neither consumed nor
/// blacklisted, all or nothing, and says whether it did. Without one (SQLite, whose statements cost
/// no round trip), the store rotates with three portable statements under a savepoint.
/// </summary>
internal interface IRotationStatement
{
    Task<bool> TryRotateAsync(DbContext context, Guid consumedId, RefreshTokenRecord successor, long tokensExpireAtMs, long nowMs, CancellationToken cancellationToken);
}
