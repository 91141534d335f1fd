namespace JwtAuth.Sessions;

/// <summary>One page of a user's refresh tokens, newest first, and how many the user has in all.</summary>
public sealed record RefreshTokenPage(int Total, IReadOnlyList<RefreshTokenListing> Tokens);
