namespace JwtAuth.Tokens;

/// <summary>The wire names of <see cref="TokenType"/> and SimpleJWT's token class names.</summary>
internal static class TokenTypeNames
{
    public const string Access = "access";
    public const string Refresh = "refresh";
    public const string Sliding = "sliding";

    public static string ToClaimValue(this TokenType type) => type switch
    {
        TokenType.Access => Access,
        TokenType.Refresh => Refresh,
        TokenType.Sliding => Sliding,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static TokenType Parse(ReadOnlySpan<char> value) => value switch
    {
        Access => TokenType.Access,
        Refresh => TokenType.Refresh,
        Sliding => TokenType.Sliding,
        _ => TokenType.Unknown,
    };

    /// <summary>SimpleJWT's class name for a token type, as its error <c>messages</c> list it.</summary>
    public static string ClassName(this TokenType type) => type switch
    {
        TokenType.Access => "AccessToken",
        TokenType.Refresh => "RefreshToken",
        TokenType.Sliding => "SlidingToken",
        _ => "Token",
    };
}
