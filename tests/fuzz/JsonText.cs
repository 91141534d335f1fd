using System.Globalization;
using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>JSON text built by hand, so that duplicate keys, lone surrogates and raw bytes can be written.</summary>
internal static class JsonText
{
    /// <summary>A JSON string literal; everything outside printable ASCII as <c>\uXXXX</c>, lone surrogates included.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case >= ' ' and <= '~':
                    builder.Append(c);
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An object of name/raw-JSON-value pairs, in order, duplicates kept.</summary>
    public static string Object(IEnumerable<(string Name, string RawValue)> members) =>
        "{" + string.Join(", ", members.Select(m => Quote(m.Name) + ": " + m.RawValue)) + "}";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
