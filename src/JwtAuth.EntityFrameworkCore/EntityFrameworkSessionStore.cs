using System.Runtime.CompilerServices;
using JwtAuth.Audit;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace JwtAuth.EntityFrameworkCore;

/// <summary>
/// <see cref="ISessionStore"/> on any relational EF Core provider. Rotation is one conditional
/// UPDATE whose row count decides the winner; every revocation is written with the change that
/// causes it, in one transaction. With a <see cref="GroupCommitWriter{TContext}"/> (as registered
/// by <c>UseEntityFrameworkCore</c>) the writes of concurrent requests share one transaction and
/// one commit; a write inside a transaction the caller opened joins that transaction instead.
/// </summary>
internal sealed class EntityFrameworkSessionStore<TContext>(
    TContext context,
    IRevocationLogWriteHook? hook = null,
    GroupCommitWriter<TContext>? writer = null,
    IRotationStatement? rotation = null)
    : ISessionStore
    where TContext : DbContext
{
    private DbSet<SessionEntity> Sessions => context.Set<SessionEntity>();

    private DbSet<RefreshTokenEntity> RefreshTokens => context.Set<RefreshTokenEntity>();

    private const int MaxAttempts = 3;

    private DbSet<RevocationEntity> Revocations => context.Set<RevocationEntity>();

    // The reads of every login and refresh, compiled: a request runs them without translating the
    // LINQ again. EF Core runs a compiled query only against the model it was compiled for, so one
    // set per model: contexts of two providers can share a process (a CLI, tests).
    private static readonly ConditionalWeakTable<IModel, CompiledQueries> QueriesByModel = [];

    private CompiledQueries Queries => QueriesByModel.GetValue(context.Model, static _ => new CompiledQueries());

    public Task<long> GetUserEpochAsync(string userId, CancellationToken cancellationToken) =>
        RunAsync(() => Queries.UserEpoch(context, userId, cancellationToken));

    public Task<bool> CreateSessionAsync(SessionRecord session, RefreshTokenRecord? firstToken, long expectedEpoch, AuditEvent? audit, CancellationToken cancellationToken) =>
        WriteAsync(async (db, ct) =>
        {
            // Lock order everywhere: the user's epoch row, then sessions, then refresh tokens.
            await EnsureUserEpochAsync(db, session.UserId, ct).ConfigureAwait(false);
            var held = await db.Set<UserEpochEntity>().Where(e => e.UserId == session.UserId && e.Epoch == expectedEpoch)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Epoch, e => e.Epoch), ct).ConfigureAwait(false);
            if (held != 1)
            {
                return false;
            }

            db.Set<SessionEntity>().Add(ToEntity(session));
            if (firstToken is not null)
            {
                db.Set<RefreshTokenEntity>().Add(ToEntity(firstToken));
            }

            if (audit is not null)
            {
                db.Set<AuditEventEntity>().Add(AuditEventEntity.From(audit));
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return true;
        }, done => done, cancellationToken);

    public Task<RefreshTokenState?> FindRefreshTokenAsync(Guid tokenId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var row = await Queries.TokenWithSession(context, tokenId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            RefreshTokenEntity? successor = null;
            if (row.Token.SuccessorId is { } successorId)
            {
                successor = await Queries.Token(context, successorId, cancellationToken).ConfigureAwait(false);
            }

            return new RefreshTokenState(ToRecord(row.Token), ToRecord(row.Session), successor is null ? null : ToRecord(successor));
        });

    public Task<SessionRecord?> FindSessionAsync(Guid sessionId, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var session = await Queries.Session(context, sessionId, cancellationToken).ConfigureAwait(false);
            return session is null ? null : ToRecord(session);
        });

    public Task<bool> TryRotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        rotation is not null && consumedId is { } consumed
            ? WriteAsync(
                (db, ct) => rotation.TryRotateAsync(db, consumed, successor, tokensExpireAt.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), ct),
                done => done,
                cancellationToken,
                atomic: true)
            : RotateAsync(consumedId, successor, tokensExpireAt, now, cancellationToken);

    private Task<bool> RotateAsync(Guid? consumedId, RefreshTokenRecord successor, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (db, ct) =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var refreshExpiresAtMs = successor.ExpiresAt.ToUnixTimeMilliseconds();
            var tokensExpireAtMs = tokensExpireAt.ToUnixTimeMilliseconds();
            // The session first, as EndSessionsAsync locks it, so that a refresh and a logout of one
            // session wait for each other instead of deadlocking; an ended session rotates nothing.
            var live = await db.Set<SessionEntity>().Where(s => s.Id == successor.SessionId && s.RevokedAtMs == null && s.ExpiresAtMs > nowMs)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(s => s.LastUsedAtMs, nowMs)
                        .SetProperty(s => s.RefreshExpiresAtMs, s => s.RefreshExpiresAtMs > refreshExpiresAtMs ? s.RefreshExpiresAtMs : refreshExpiresAtMs)
                        .SetProperty(s => s.TokensExpireAtMs, s => s.TokensExpireAtMs > tokensExpireAtMs ? s.TokensExpireAtMs : tokensExpireAtMs),
                    ct).ConfigureAwait(false);
            if (live != 1)
            {
                return false;
            }

            if (consumedId is { } id)
            {
                // The row count is the lock: of concurrent rotations of one token exactly one updates a row.
                var updated = await db.Set<RefreshTokenEntity>()
                    .Where(t => t.Id == id && t.SessionId == successor.SessionId && t.ConsumedAtMs == null && t.BlacklistedAtMs == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.ConsumedAtMs, nowMs).SetProperty(t => t.SuccessorId, successor.Id), ct)
                    .ConfigureAwait(false);
                if (updated != 1)
                {
                    return false;
                }
            }

            db.Set<RefreshTokenEntity>().Add(ToEntity(successor));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return true;
        }, done => done, cancellationToken);

    public Task TouchSessionAsync(Guid sessionId, DateTimeOffset tokensExpireAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(async (db, ct) =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var tokensExpireAtMs = tokensExpireAt.ToUnixTimeMilliseconds();
            return await db.Set<SessionEntity>().Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(
                    u => u.SetProperty(s => s.LastUsedAtMs, nowMs)
                        .SetProperty(s => s.TokensExpireAtMs, s => s.TokensExpireAtMs > tokensExpireAtMs ? s.TokensExpireAtMs : tokensExpireAtMs),
                    ct).ConfigureAwait(false);
        }, _ => true, cancellationToken, atomic: true);

    public Task<IReadOnlyList<RevocationEntry>> EndSessionsAsync(SessionEndRequest request, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<RevocationEntry>>(async (db, ct) =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var nowMs = request.Now.ToUnixTimeMilliseconds();
            var nowSeconds = request.Now.ToUnixTimeSeconds();
            var skewMs = (long)request.ClockSkew.TotalMilliseconds;

            // The user's epoch row serialises every ending of the user's sessions (so a session is
            // reported ended once) and, moved on for an end-all, fails a login racing it.
            await EnsureUserEpochAsync(db, request.UserId, ct).ConfigureAwait(false);
            var step = request.SessionId is null ? 1 : 0;
            await db.Set<UserEpochEntity>().Where(e => e.UserId == request.UserId)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Epoch, e => e.Epoch + step), ct).ConfigureAwait(false);

            var ending = db.Set<SessionEntity>().Where(s => s.UserId == request.UserId && s.RevokedAtMs == null && s.ExpiresAtMs > nowMs);
            if (request.SessionId is { } only)
            {
                ending = ending.Where(s => s.Id == only);
            }

            if (request.ExceptSessionId is { } keep)
            {
                ending = ending.Where(s => s.Id != keep);
            }

            var ended = await ending.Select(s => new { s.Id, s.TokensExpireAtMs }).ToListAsync(ct).ConfigureAwait(false);
            if (ended.Count == 0 && !request.CutOffUser)
            {
                return [];
            }

            var ids = ended.ConvertAll(s => s.Id);
            await db.Set<SessionEntity>().Where(s => ids.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtMs, nowMs).SetProperty(s => s.RevokedReason, request.Reason), ct)
                .ConfigureAwait(false);
            await db.Set<RefreshTokenEntity>().Where(t => ids.Contains(t.SessionId) && t.BlacklistedAtMs == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.BlacklistedAtMs, nowMs), ct).ConfigureAwait(false);

            // Each entry is remembered until the last bearer token of its session has expired.
            var rows = ended.ConvertAll(s => new RevocationEntity
            {
                Kind = (int)RevocationKind.Session,
                Subject = JwtAuthIds.Format(s.Id),
                NotBefore = nowSeconds,
                ExpiresAt = ForgetAt(Math.Max(s.TokensExpireAtMs, nowMs) + skewMs),
                CreatedAtMs = nowMs,
            });
            if (request.CutOffUser)
            {
                rows.Add(new RevocationEntity
                {
                    Kind = (int)RevocationKind.User,
                    Subject = request.UserId,
                    NotBefore = nowSeconds,
                    ExpiresAt = ForgetAt(nowMs + (long)request.UserCutOffRetention.TotalMilliseconds + skewMs),
                    CreatedAtMs = nowMs,
                });
            }

            db.Set<RevocationEntity>().AddRange(rows);
            if (request.Audit is { } audit)
            {
                db.Set<AuditEventEntity>().Add(AuditEventEntity.From(audit));
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (hook is not null)
            {
                await hook.OnEntriesWrittenAsync(db, rows.Max(r => r.Id), ct).ConfigureAwait(false);
            }

            return rows.ConvertAll(ToEntry);
        }, _ => true, cancellationToken);

    public Task<RevocationEntry> AppendUserChangedAsync(string userId, DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken) =>
        WriteAsync(async (db, ct) =>
        {
            ArgumentException.ThrowIfNullOrEmpty(userId);
            var nowMs = now.ToUnixTimeMilliseconds();
            var row = new RevocationEntity
            {
                Kind = (int)RevocationKind.UserChanged,
                Subject = userId,
                NotBefore = now.ToUnixTimeSeconds(),
                ExpiresAt = ForgetAt(nowMs + (long)retention.TotalMilliseconds),
                CreatedAtMs = nowMs,
            };
            db.Set<RevocationEntity>().Add(row);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            // Only this row: the entities of the caller's own transaction (its change) stay tracked.
            db.Entry(row).State = EntityState.Detached;
            if (hook is not null)
            {
                await hook.OnEntriesWrittenAsync(db, row.Id, ct).ConfigureAwait(false);
            }

            return ToEntry(row);
        }, _ => true, cancellationToken);

    public Task<IReadOnlyList<SessionRecord>> ListActiveSessionsAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<SessionRecord>>(async () =>
        {
            var rows = await Sessions.AsNoTracking()
                .Where(s => s.UserId == userId)
                .Where(SessionEntity.IsActiveAt(now.ToUnixTimeMilliseconds()))
                .OrderByDescending(s => s.CreatedAtMs)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.ConvertAll(ToRecord);
        });

    public Task<IReadOnlyDictionary<string, int>> CountActiveSessionsAsync(IReadOnlyCollection<string> userIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<string, int>>(async () =>
            await Sessions.AsNoTracking()
                .Where(s => userIds.Contains(s.UserId))
                .Where(SessionEntity.IsActiveAt(now.ToUnixTimeMilliseconds()))
                .GroupBy(s => s.UserId)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.UserId, g => g.Count, cancellationToken).ConfigureAwait(false));

    public Task<RefreshTokenPage> ListRefreshTokensAsync(string userId, int skip, int take, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            // Through the user's sessions: both joins follow an index (sessions by user, tokens by session).
            var tokens = from session in Sessions.AsNoTracking()
                         where session.UserId == userId
                         join token in RefreshTokens.AsNoTracking() on session.Id equals token.SessionId
                         select new { token, session.RevokedAtMs, session.RevokedReason };
            var total = await tokens.CountAsync(cancellationToken).ConfigureAwait(false);
            var rows = await tokens.OrderByDescending(row => row.token.IssuedAtMs).ThenBy(row => row.token.Id)
                .Skip(skip).Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return new RefreshTokenPage(total, rows.ConvertAll(row => RefreshTokenListing.Create(
                ToRecord(row.token), row.RevokedAtMs is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null, row.RevokedReason)));
        });

    public Task<IReadOnlyList<RevocationEntry>> ReadRevocationsAsync(long afterId, int max, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<RevocationEntry>>(async () =>
        {
            var rows = await Revocations.AsNoTracking()
                .Where(r => r.Id > afterId)
                .OrderBy(r => r.Id)
                .Take(max)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows.ConvertAll(ToEntry);
        });

    public Task<PruneResult> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            var nowMs = now.ToUnixTimeMilliseconds();
            var nowSeconds = now.ToUnixTimeSeconds();
            // Tokens first: a session row stays while any of its tokens could still be presented.
            var tokens = await RefreshTokens.Where(t => t.ExpiresAtMs <= nowMs).OrderBy(t => t.ExpiresAtMs).Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var sessions = await Sessions.Where(s => s.ExpiresAtMs <= nowMs && !RefreshTokens.Any(t => t.SessionId == s.Id))
                .OrderBy(s => s.ExpiresAtMs).Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var revocations = await Revocations.Where(r => r.ExpiresAt <= nowSeconds).OrderBy(r => r.Id).Take(batchSize)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            return new PruneResult(tokens, sessions, revocations);
        });

    // A database that cannot be reached is reported as such, so endpoints answer 503 instead of 500.
    private static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (DatabaseFailure.IsMissingJwtAuthTable(ex))
        {
            // A host that has not added JwtAuth's tables has a set-up mistake, not an outage.
            throw new InvalidOperationException(
                "JwtAuth's tables are missing from the database: call modelBuilder.UseJwtAuth() in OnModelCreating, "
                + "add a migration (dotnet ef migrations add AddJwtAuth) and apply it.", ex);
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            throw new SessionStoreUnavailableException("The session database is unavailable.", ex);
        }
    }

    /// <summary>
    /// Runs a write: inside a transaction the caller opened, it joins it (and the caller commits
    /// and retries); otherwise in the next group commit, or without a writer in a transaction of its
    /// own. Its result says, through <paramref name="commit"/>, whether what it wrote is kept (a
    /// refused rotation or insert rolls back). A deadlock or serialisation victim runs again: a
    /// lost race, not an outage. An <paramref name="atomic"/> write is one statement that writes all
    /// or nothing, so a batch needs no savepoint around it.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<TContext, CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken cancellationToken, bool atomic = false) =>
        RunAsync(async () =>
        {
            if (context.Database.CurrentTransaction is not null)
            {
                return await work(context, cancellationToken).ConfigureAwait(false);
            }

            if (writer is not null)
            {
                // The batch outlives any one request: a write, once begun, is not cancelled half-way.
                return await writer.WriteAsync(db => work(db, CancellationToken.None), commit, atomic, cancellationToken).ConfigureAwait(false);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    var result = await work(context, cancellationToken).ConfigureAwait(false);
                    if (commit(result))
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    return result;
                }
                catch (Exception ex) when (attempt < MaxAttempts && DatabaseFailure.IsLostRace(ex))
                {
                    context.ChangeTracker.Clear();
                }
            }
        });

    /// <summary>Creates the user's epoch row (epoch 0) unless it exists; a write, so it also takes SQLite's write lock first.</summary>
    private static Task<int> EnsureUserEpochAsync(TContext context, string userId, CancellationToken cancellationToken)
    {
        var entity = context.Model.FindEntityType(typeof(UserEpochEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var user = sql.DelimitIdentifier(entity.FindProperty(nameof(UserEpochEntity.UserId))!.GetColumnName(table)!);
        var epoch = sql.DelimitIdentifier(entity.FindProperty(nameof(UserEpochEntity.Epoch))!.GetColumnName(table)!);
        // SQLite and PostgreSQL, the providers JwtAuth supports, both read this upsert. Only the
        // model's delimited names are spliced in; the user id is a parameter.
#pragma warning disable EF1002
        return context.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {name} ({user}, {epoch}) VALUES ({{0}}, 0) ON CONFLICT ({user}) DO NOTHING", [userId], cancellationToken);
#pragma warning restore EF1002
    }

    private static long ForgetAt(long ms) => (ms + 999) / 1000 + 1;

    private static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? Time(value) : null;

    private static SessionEntity ToEntity(SessionRecord s) => new()
    {
        Id = s.Id,
        UserId = s.UserId,
        CreatedAtMs = s.CreatedAt.ToUnixTimeMilliseconds(),
        LastUsedAtMs = s.LastUsedAt.ToUnixTimeMilliseconds(),
        ExpiresAtMs = s.ExpiresAt.ToUnixTimeMilliseconds(),
        RefreshExpiresAtMs = s.RefreshExpiresAt.ToUnixTimeMilliseconds(),
        TokensExpireAtMs = s.TokensExpireAt.ToUnixTimeMilliseconds(),
        SignInMethod = s.SignInMethod,
        UserAgent = s.UserAgent,
        IpAddress = s.IpAddress,
    };

    private static RefreshTokenEntity ToEntity(RefreshTokenRecord t) => new()
    {
        Id = t.Id,
        SessionId = t.SessionId,
        UserId = t.UserId,
        IssuedAtMs = t.IssuedAt.ToUnixTimeMilliseconds(),
        ExpiresAtMs = t.ExpiresAt.ToUnixTimeMilliseconds(),
    };

    private static SessionRecord ToRecord(SessionEntity s) => new()
    {
        Id = s.Id,
        UserId = s.UserId,
        CreatedAt = Time(s.CreatedAtMs),
        LastUsedAt = Time(s.LastUsedAtMs),
        ExpiresAt = Time(s.ExpiresAtMs),
        RefreshExpiresAt = Time(s.RefreshExpiresAtMs),
        TokensExpireAt = Time(s.TokensExpireAtMs),
        SignInMethod = s.SignInMethod,
        UserAgent = s.UserAgent,
        IpAddress = s.IpAddress,
        RevokedAt = Time(s.RevokedAtMs),
        RevokedReason = s.RevokedReason,
    };

    private static RefreshTokenRecord ToRecord(RefreshTokenEntity t) => new()
    {
        Id = t.Id,
        SessionId = t.SessionId,
        UserId = t.UserId,
        IssuedAt = Time(t.IssuedAtMs),
        ExpiresAt = Time(t.ExpiresAtMs),
        ConsumedAt = Time(t.ConsumedAtMs),
        SuccessorId = t.SuccessorId,
        BlacklistedAt = Time(t.BlacklistedAtMs),
    };

    private sealed record TokenWithSession(RefreshTokenEntity Token, SessionEntity Session);

    private sealed class CompiledQueries
    {
        public readonly Func<TContext, string, CancellationToken, Task<long>> UserEpoch =
            EF.CompileAsyncQuery((TContext db, string userId, CancellationToken ct) =>
                db.Set<UserEpochEntity>().AsNoTracking().Where(e => e.UserId == userId).Select(e => e.Epoch).FirstOrDefault());

        public readonly Func<TContext, Guid, CancellationToken, Task<TokenWithSession?>> TokenWithSession =
            EF.CompileAsyncQuery((TContext db, Guid tokenId, CancellationToken ct) =>
                (from token in db.Set<RefreshTokenEntity>().AsNoTracking()
                 join session in db.Set<SessionEntity>().AsNoTracking() on token.SessionId equals session.Id
                 where token.Id == tokenId
                 select new TokenWithSession(token, session)).FirstOrDefault());

        public readonly Func<TContext, Guid, CancellationToken, Task<RefreshTokenEntity?>> Token =
            EF.CompileAsyncQuery((TContext db, Guid tokenId, CancellationToken ct) =>
                db.Set<RefreshTokenEntity>().AsNoTracking().FirstOrDefault(t => t.Id == tokenId));

        public readonly Func<TContext, Guid, CancellationToken, Task<SessionEntity?>> Session =
            EF.CompileAsyncQuery((TContext db, Guid sessionId, CancellationToken ct) =>
                db.Set<SessionEntity>().AsNoTracking().FirstOrDefault(s => s.Id == sessionId));
    }

    private static RevocationEntry ToEntry(RevocationEntity r) =>
        new(r.Id, (RevocationKind)r.Kind, r.Subject, r.NotBefore, r.ExpiresAt);
}
