namespace JwtAuth.Sessions;

/// <summary>A refresh token as the store knows it, with its session (and its successor, if rotated).</summary>
public sealed record RefreshTokenState(RefreshTokenRecord Token, SessionRecord Session, RefreshTokenRecord? Successor);
