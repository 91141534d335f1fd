namespace JwtAuth.Tokens;

/// <summary>The outcome of a token operation: new tokens, or why none were issued.</summary>
public sealed record TokenResult
{
    public TokenFailure Failure { get; init; }

    /// <summary>The user behind a valid token no longer exists or is inactive.</summary>
    public bool NoActiveAccount { get; init; }

    public IssuedToken? Access { get; init; }

    public IssuedToken? Refresh { get; init; }

    public IssuedToken? Sliding { get; init; }

    public bool Succeeded => Failure == TokenFailure.None && !NoActiveAccount;

    public static readonly TokenResult Ok = new();

    public static readonly TokenResult InactiveAccount = new() { NoActiveAccount = true };

    public static TokenResult Fail(TokenFailure failure) => new() { Failure = failure };
}
