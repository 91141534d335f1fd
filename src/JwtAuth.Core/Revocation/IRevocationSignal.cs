namespace JwtAuth.Revocation;

/// <summary>
/// Wakes the catch-up loop early when another node has written to the revocation log (PostgreSQL
/// <c>LISTEN/NOTIFY</c>, for example). Without one, the loop reads the log every
/// <see cref="RevocationSyncOptions.CatchUpInterval"/>.
/// </summary>
public interface IRevocationSignal
{
    /// <summary>Completes when there may be new entries, or when <paramref name="timeout"/> has passed.</summary>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
