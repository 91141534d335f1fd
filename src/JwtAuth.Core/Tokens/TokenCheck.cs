namespace JwtAuth.Tokens;

/// <summary>The outcome of validating a token: its contents, or why it was refused.</summary>
internal readonly record struct TokenCheck(TokenFailure Failure, TokenContents? Contents)
{
    public bool IsValid => Failure == TokenFailure.None;

    public static TokenCheck Fail(TokenFailure failure) => new(failure, null);
}
