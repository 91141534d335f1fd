namespace JwtAuth.Fuzz;

/// <summary>A POST endpoint of the spec (shared/spec/API.md) and the fields of its body.</summary>
/// <param name="Path">The route.</param>
/// <param name="Fields">The body's fields.</param>
/// <param name="Authenticated">Needs a bearer token to reach the body.</param>
/// <param name="Hashing">A well-shaped body costs a password hash (login, register, password change).</param>
/// <param name="IgnoresBody">Answers 205 to any genuine bearer whatever the body (logout/all, logout/others).</param>
internal sealed record PostEndpoint(string Path, string[] Fields, bool Authenticated = false, bool Hashing = false, bool IgnoresBody = false)
{
    /// <summary>Every POST endpoint of the spec.</summary>
    public static readonly PostEndpoint[] All =
    [
        new("/api/token/", ["username", "password"], Hashing: true),
        new("/api/token/refresh/", ["refresh"]),
        new("/api/token/verify/", ["token"]),
        new("/api/token/blacklist/", ["refresh"]),
        new("/api/token/sliding/", ["username", "password"], Hashing: true),
        new("/api/token/sliding/refresh/", ["token"]),
        new("/api/logout/", ["refresh"], Authenticated: true),
        new("/api/logout/all/", [], Authenticated: true, IgnoresBody: true),
        new("/api/logout/others/", [], Authenticated: true, IgnoresBody: true),
        new("/api/register/", ["username", "password", "email"], Hashing: true),
        new("/api/password/change/", ["old_password", "new_password"], Authenticated: true, Hashing: true),
    ];

    /// <summary>A 2xx here with the second user's bearer ends that bearer's session.</summary>
    public bool EndsBearerSession => Path is "/api/logout/" or "/api/logout/all/";
}

/// <summary>
/// The genuine tokens and accounts run.sh hands over, and the second user's sessions the fuzzer
/// logs in for the targets where an accepted forgery has side effects (logout, refresh, blacklist):
/// one session each, so that a forgery accepted on one does not hide one on another.
/// </summary>
internal sealed record Genuine(
    string User1, string Access1, string Refresh1,
    string User2, string Password2, string Access2, string Refresh2,
    byte[]? SigningKey)
{
    public string LogoutAccess { get; init; } = Access2;

    public string RefreshTarget { get; init; } = Refresh2;

    public string BlacklistTarget { get; init; } = Refresh2;

    public IEnumerable<string> All => [Access1, Refresh1, Access2, Refresh2, LogoutAccess, RefreshTarget, BlacklistTarget];

    public bool IsGenuine(string token) => All.Contains(token, StringComparer.Ordinal);
}
