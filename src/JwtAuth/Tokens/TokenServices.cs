using Microsoft.Extensions.Options;

namespace JwtAuth.Tokens;

/// <summary>
/// The validated options with the keys, issuer and validators built from them once, shared by the
/// handler and the endpoints.
/// </summary>
public sealed class TokenServices
{
    public TokenServices(IOptionsMonitor<JwtAuthOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Get(JwtAuthDefaults.AuthenticationScheme);
        Keys = TokenKeys.Create(Options);
        Issuer = new TokenIssuer(Options, Keys);
        Validator = new TokenValidator(Options, Keys, time);
        HmacReader = TokenAlgorithms.IsHmac(Keys.Algorithm) ? new HmacTokenReader(Options, Keys) : null;
        Time = time;
    }

    public JwtAuthOptions Options { get; }

    public TokenKeys Keys { get; }

    public TokenIssuer Issuer { get; }

    public TokenValidator Validator { get; }

    /// <summary>The bearer hot path's allocation-free validator; null unless the algorithm is HMAC.</summary>
    internal HmacTokenReader? HmacReader { get; }

    public TimeProvider Time { get; }
}
