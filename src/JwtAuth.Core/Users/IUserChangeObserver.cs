namespace JwtAuth.Users;

/// <summary>
/// Hears, on this node, that a user's account may have changed, so that what the host cached of
/// it (a profile, a <c>me</c> answer) is forgotten. Told of every
/// <see cref="Revocation.RevocationKind.UserChanged"/> and <see cref="Revocation.RevocationKind.User"/>
/// (cut-off) entry of the revocation log: written on this node, as soon as the store has written
/// it (inside the caller's transaction when there is one, so before its commit); written by
/// another node, when the catch-up reads it. Register one with
/// <c>JwtAuthBuilder.AddUserChangeObserver</c>.
/// </summary>
/// <remarks>
/// Calls come from request threads and from the catch-up loop, concurrently: keep them short, and
/// do not throw (an exception is logged and the other observers are still told). A host cache that
/// fills itself from the database must not insert what it read before a change it was told of
/// after the read began, and, for a change written on this node inside its own transaction, should
/// forget again after the commit.
/// </remarks>
public interface IUserChangeObserver
{
    /// <summary>The account of <paramref name="userId"/> may have changed: forget what is cached of it.</summary>
    void OnUserChanged(string userId);
}
