using JwtAuth.Tokens;
using JwtAuth.Users;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Authentication;

/// <summary>The context of <see cref="JwtAuthEvents.OnIssuingToken"/>.</summary>
public sealed class IssuingTokenContext
{
    private static readonly HashSet<string> Reserved =
        ["exp", "iat", "nbf", "jti", "aud", "iss", "sub", "sid", "refresh_exp", "token_type", "user_id"];

    private readonly Dictionary<string, object?> _claims = new(StringComparer.Ordinal);
    private readonly JwtAuthOptions _options;

    internal IssuingTokenContext(HttpContext httpContext, JwtAuthUser user, TokenType tokenType, JwtAuthOptions options)
    {
        HttpContext = httpContext;
        User = user;
        TokenType = tokenType;
        _options = options;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The user as it is now (re-read at every refresh).</summary>
    public JwtAuthUser User { get; }

    public TokenType TokenType { get; }

    /// <summary>The claims added so far.</summary>
    public IReadOnlyDictionary<string, object?> Claims => _claims;

    /// <summary>Adds a claim; any JSON-serializable value. JwtAuth's own claims cannot be replaced.</summary>
    public void AddClaim(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Reserved.Contains(name) || name == _options.UserIdClaim || name == _options.TokenTypeClaim || name == _options.JtiClaim)
        {
            throw new ArgumentException($"The claim '{name}' is set by JwtAuth and cannot be added.", nameof(name));
        }

        _claims[name] = value;
    }
}
