namespace JwtAuth.Import;

/// <summary>
/// A refresh token SimpleJWT issued (its <c>OutstandingToken</c> row), brought over by an import:
/// its <c>jti</c>, user and expiry, never its text.
/// </summary>
public sealed record ImportedRefreshToken
{
    /// <summary>The token's <c>jti</c>.</summary>
    public required Guid Id { get; init; }

    /// <summary>The user id the token names (<c>user_id</c>), as text.</summary>
    public required string UserId { get; init; }

    /// <summary>The token's <c>exp</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// The user's session epoch when the token was imported: once an end-all (logout everywhere,
    /// password change, disable) moves it on, the token is refused like the user's sessions.
    /// </summary>
    public required long UserEpoch { get; init; }

    public required ImportedRefreshTokenState State { get; init; }
}
