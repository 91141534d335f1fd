namespace JwtAuth.Revocation;

/// <summary>What a revocation applies to.</summary>
public enum RevocationKind
{
    /// <summary>Every token of one session (its <c>sid</c>).</summary>
    Session = 0,

    /// <summary>Every token of one user issued before a moment (logout everywhere, disable, delete).</summary>
    User = 1,
}
