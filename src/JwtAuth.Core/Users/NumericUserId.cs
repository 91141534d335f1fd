using System.Globalization;

namespace JwtAuth.Users;

/// <summary>
/// When a user id is written as a JSON number (<c>user_id</c> in tokens, <c>id</c> in user
/// bodies): as SimpleJWT writes Django's integer primary keys. Any other id stays a string.
/// </summary>
public static class NumericUserId
{
    /// <summary>
    /// Whether <paramref name="userId"/> is a positive integer in canonical form (<c>42</c>, not
    /// <c>042</c> or <c>+42</c>) of at most 18 digits: only then does the number read back as exactly
    /// the same id.
    /// </summary>
    public static bool TryParse(string userId, out long number)
    {
        ArgumentNullException.ThrowIfNull(userId);
        number = 0;
        return userId.Length is > 0 and <= 18 && userId[0] is >= '1' and <= '9'
            && long.TryParse(userId, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
