using System.Globalization;
using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>Request bytes written by hand: the request line, header lines as given, then the body.</summary>
internal static class RawRequest
{
    public static byte[] Build(string host, string method, string path, IEnumerable<string> headerLines, byte[]? body = null, bool contentLength = true, string version = "HTTP/1.1")
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(path).Append(' ').Append(version).Append("\r\n");
        head.Append("Host: ").Append(host).Append("\r\n");
        foreach (var line in headerLines)
        {
            head.Append(line).Append("\r\n");
        }

        if (body is not null && contentLength)
        {
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        return Concat(Encoding.Latin1.GetBytes(head.ToString()), body ?? []);
    }

    public static byte[] Concat(params byte[][] pieces) => pieces.SelectMany(p => p).ToArray();

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
