namespace JwtAuth.Revocation;

/// <summary>What a revocation log entry applies to.</summary>
public enum RevocationKind
{
    /// <summary>Every token of one session (its <c>sid</c>).</summary>
    Session = 0,

    /// <summary>Every token of one user issued before a moment (logout everywhere, disable, delete).</summary>
    User = 1,

    /// <summary>
    /// Refuses no token: the user's account changed (enabled, disabled, deleted, a login recorded),
    /// so every node forgets what it cached of it (<see cref="Users.IUserChangeObserver"/>). Kept
    /// only as long as a lagging node may still read it.
    /// </summary>
    UserChanged = 2,
}
