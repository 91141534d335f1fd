namespace JwtAuth.Tokens;

/// <summary>The kinds of token JwtAuth issues; the value of the <c>token_type</c> claim.</summary>
public enum TokenType
{
    /// <summary>No <c>token_type</c> claim, or one JwtAuth does not know.</summary>
    Unknown = 0,
    /// <summary>A short-lived bearer token (<c>"access"</c>).</summary>
    Access,
    /// <summary>A token that obtains new access tokens (<c>"refresh"</c>).</summary>
    Refresh,
    /// <summary>A bearer token that can itself be refreshed (<c>"sliding"</c>).</summary>
    Sliding,
}
