namespace JwtAuth.Validation;

/// <summary>What a resource server does with tokens while it cannot tell whether they were revoked.</summary>
public enum FeedUnavailableBehavior
{
    /// <summary>Fail closed: refuse every token (401 <c>revocations_unavailable</c>) until the feed answers again.</summary>
    RefuseTokens = 0,

    /// <summary>
    /// Fail open: keep accepting tokens that are valid and not revoked as far as this service knows;
    /// revocations made while the feed is out of reach apply when it answers again.
    /// </summary>
    AcceptTokens = 1,
}
