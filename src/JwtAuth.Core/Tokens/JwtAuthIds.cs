namespace JwtAuth.Tokens;

/// <summary>
/// Ids on the wire (<c>sid</c>, <c>jti</c>, session ids in URLs) are 32 lowercase hex digits: a
/// UUID without dashes, as SimpleJWT writes its <c>jti</c>.
/// </summary>
public static class JwtAuthIds
{
    public static string Format(Guid id) => id.ToString("N");

    public static bool TryParse(ReadOnlySpan<char> text, out Guid id)
    {
        id = Guid.Empty;
        if (text.Length != 32)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return Guid.TryParseExact(text, "N", out id) && id != Guid.Empty;
    }
}
