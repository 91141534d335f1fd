using JwtAuth.Tokens;
using JwtAuth.Users;

namespace JwtAuth.Flows;

/// <summary>A token about to be signed, at obtain and at every refresh: a host adds its claims here.</summary>
public sealed class IssuingTokenContext
{
    private readonly Dictionary<string, object?> _claims = new(StringComparer.Ordinal);
    private readonly JwtAuthOptions _options;

    internal IssuingTokenContext(JwtAuthUser user, TokenType tokenType, ClientInfo client, JwtAuthOptions options)
    {
        User = user;
        TokenType = tokenType;
        Client = client;
        _options = options;
    }

    /// <summary>The user as it is now (re-read at every refresh).</summary>
    public JwtAuthUser User { get; }

    public TokenType TokenType { get; }

    /// <summary>The client the token is issued to.</summary>
    public ClientInfo Client { get; }

    /// <summary>The claims added so far.</summary>
    public IReadOnlyDictionary<string, object?> Claims => _claims;

    /// <summary>Adds a claim; any JSON-serializable value. JwtAuth's own claims cannot be replaced.</summary>
    public void AddClaim(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (JwtAuthClaimSet.IsOwn(name, _options))
        {
            throw new ArgumentException($"The claim '{name}' is set by JwtAuth and cannot be added.", nameof(name));
        }

        _claims[name] = value;
    }
}
