using JwtAuth.Tokens;

namespace JwtAuth.Flows;

/// <summary>The outcome of every flow: the tokens it issued, or the one reason it issued none.</summary>
internal sealed record TokenResult
{
    public TokenFailure Failure { get; init; }

    public IssuedToken? Access { get; init; }

    public IssuedToken? Refresh { get; init; }

    public IssuedToken? Sliding { get; init; }

    public bool Succeeded => Failure == TokenFailure.None;

    /// <summary>Success without tokens (verify, blacklist, logout).</summary>
    public static readonly TokenResult Ok = new();

    public static TokenResult Fail(TokenFailure failure) => new() { Failure = failure };
}
