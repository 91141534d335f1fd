namespace JwtAuth.Revocation;

/// <summary>One row of the revocation log, as every node applies it to its registry.</summary>
/// <param name="Id">Increasing log id; nodes catch up by it.</param>
/// <param name="Kind">Session, user, or a change of the user's account.</param>
/// <param name="Subject">The session id (32 hex digits) or the user id.</param>
/// <param name="NotBefore">For a user: tokens issued before this epoch second are refused.</param>
/// <param name="ExpiresAt">Epoch second after which no token it refuses can still be valid (for a <see cref="RevocationKind.UserChanged"/>: no node can still be waiting to read it), so it can be forgotten.</param>
public readonly record struct RevocationEntry(long Id, RevocationKind Kind, string Subject, long NotBefore, long ExpiresAt);
