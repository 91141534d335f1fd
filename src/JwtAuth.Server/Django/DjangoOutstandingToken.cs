namespace JwtAuth.Server.Django;

/// <summary>A row of SimpleJWT's <c>token_blacklist_outstandingtoken</c>, and whether it is blacklisted; never its text.</summary>
internal sealed record DjangoOutstandingToken(string Jti, long? UserId, DateTimeOffset ExpiresAt, bool Blacklisted);
