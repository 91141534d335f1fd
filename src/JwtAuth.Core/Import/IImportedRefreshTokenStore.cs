namespace JwtAuth.Import;

/// <summary>
/// The SimpleJWT refresh tokens an import brought over, so that a client holding one moves to a
/// JwtAuth session without logging in again. Asked only about refresh tokens without a <c>sid</c>.
/// Implementations throw <c>SessionStoreUnavailableException</c> when the database cannot be reached.
/// </summary>
public interface IImportedRefreshTokenStore
{
    /// <summary>The imported token with this <c>jti</c>, or null.</summary>
    Task<ImportedRefreshToken?> FindAsync(Guid tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks an outstanding token redeemed in one conditional write; of concurrent calls for one
    /// token exactly one returns true. False when it was not outstanding.
    /// </summary>
    Task<bool> TryRedeemAsync(Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Blacklists an outstanding token in one conditional write; false when it was not outstanding.</summary>
    Task<bool> TryBlacklistAsync(Guid tokenId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the tokens not known yet and blacklists known outstanding ones that arrive blacklisted;
    /// never brings a redeemed or blacklisted token back, so an import can run again.
    /// </summary>
    Task<ImportedRefreshTokenCounts> ImportAsync(IReadOnlyCollection<ImportedRefreshToken> tokens, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> tokens that have expired (nothing can redeem them); returns how many went.</summary>
    Task<int> PruneAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
