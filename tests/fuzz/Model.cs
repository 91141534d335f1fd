using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>What a case must get besides "no 5xx", which every case must get.</summary>
internal enum Expect
{
    /// <summary>Any answer below 500.</summary>
    NoServerError,

    /// <summary>A token that is not a genuine, unmodified token in its right place: a 2xx is an accepted forgery.</summary>
    Refused,

    /// <summary>A control with a genuine token: anything but a 2xx means the fuzz lost its footing.</summary>
    Accepted,
}

/// <summary>One request (or, for framing, one connection) and its check.</summary>
internal sealed class FuzzCase
{
    /// <summary>control, token, body, header or framing.</summary>
    public required string Category { get; init; }

    /// <summary>The mutation family, e.g. <c>token/bitflip</c>; counts are printed per kind too.</summary>
    public required string Kind { get; init; }

    /// <summary>Endpoint and mutation with its parameters: the same seed gives the same labels.</summary>
    public required string Label { get; init; }

    public Expect Expect { get; init; }

    /// <summary>
    /// Framing only: a connection the server closes without an answer is acceptable here, because
    /// HTTP says so (RFC 9112 §6.3: a body shorter than its Content-Length is incomplete and the
    /// connection is closed; a server may close a connection that stalls).
    /// </summary>
    public bool CloseAllowed { get; init; }

    /// <summary>
    /// Sent one at a time, in plan order: a forgery accepted here has side effects (a logout, a
    /// rotation, a blacklisting) that decide what the next one gets, so the report stays the same
    /// from run to run.
    /// </summary>
    public bool Ordered { get; init; }

    /// <summary>Something worth knowing about the input when it fails (not part of the plan digest).</summary>
    public string? Note { get; init; }

    public HttpSpec? Http { get; init; }

    public RawScript? Raw { get; init; }

    public string Describe() => Http?.Describe() ?? Raw!.Describe();
}

/// <summary>
/// A well-framed request sent with HttpClient. <see cref="Bearer"/> names a genuine session whose
/// current access token is put in <c>Authorization</c> when the request is sent.
/// </summary>
internal sealed record HttpSpec(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body = null,
    string? ContentType = null,
    BearerSource Bearer = BearerSource.None)
{
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Path).AppendLine(" HTTP/1.1");
        if (Bearer != BearerSource.None)
        {
            text.Append("Authorization: Bearer <current access token of ").Append(Bearer).AppendLine(">");
        }

        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(Printable.Text(value, 2000));
        }

        if (ContentType is not null)
        {
            text.Append("Content-Type: ").AppendLine(Printable.Text(ContentType, 2000));
        }

        if (Body is not null)
        {
            text.Append("Content-Length: ").AppendLine(Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            text.AppendLine().Append(Printable.Bytes(Body, 2000));
        }

        return text.ToString();
    }
}

internal enum BearerSource
{
    None,

    /// <summary>A session of the second user that the fuzzer renews by logging in whenever a request ended it.</summary>
    SecondUser,
}

/// <summary>
/// One raw exchange over a TCP connection: send, pause, half-close, then read up to
/// <see cref="ExpectedResponses"/> answers. Fewer than <see cref="MinResponses"/> is a failure (0 where
/// HTTP lets the server close instead of answering). With a <see cref="Bearer"/>, the text
/// <see cref="BearerMarker"/> in the bytes becomes that session's current access token when sent.
/// </summary>
internal sealed record RawScript(IReadOnlyList<RawStep> Steps, int ExpectedResponses, int MinResponses, TimeSpan ReadLimit, string Summary, BearerSource Bearer = BearerSource.None)
{
    public const string BearerMarker = "@@BEARER@@";

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(Summary);
        foreach (var step in Steps)
        {
            if (step.Send is not null)
            {
                text.Append("send ").Append(step.Send.Length).Append(" bytes: ").AppendLine(Printable.Bytes(step.Send, 2000));
            }

            if (step.Pause > TimeSpan.Zero)
            {
                text.Append("hold ").Append(step.Pause.TotalMilliseconds).AppendLine(" ms");
            }

            if (step.ShutdownSend)
            {
                text.AppendLine("half-close (shutdown send)");
            }
        }

        text.Append("then read up to ").Append(ExpectedResponses).Append(" answer(s) for at most ").Append(ReadLimit.TotalSeconds).Append(" s");
        return text.ToString();
    }
}

internal sealed record RawStep(byte[]? Send = null, TimeSpan Pause = default, bool ShutdownSend = false);

/// <summary>What came back: the statuses read in order (empty when none), or why nothing did.</summary>
internal sealed record Outcome(IReadOnlyList<int> Statuses, string? Error, string Excerpt)
{
    public int? Status => Statuses.Count > 0 ? Statuses[0] : null;

    public static Outcome Failed(string error) => new([], error, "");
}

/// <summary>Renders request and response bytes readably for the report.</summary>
internal static class Printable
{
    public static string Text(string value, int max)
    {
        var builder = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            builder.Append(c is < ' ' or (> '~' and < '\u00a0') or (>= '\ud800' and <= '\udfff') ? $"\\u{(int)c:x4}" : c);
        }

        return value.Length > max ? $"{builder}… ({value.Length} chars)" : builder.ToString();
    }

    public static string Bytes(byte[] value, int max)
    {
        var builder = new StringBuilder();
        foreach (var b in value.AsSpan(0, Math.Min(max, value.Length)))
        {
            builder.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        return value.Length > max ? $"{builder}… ({value.Length} bytes)" : builder.ToString();
    }
}
