using System.Globalization;
using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>
/// Malformed HTTP/1.1 framing over raw sockets on every POST endpoint (and GET /api/me/): bad
/// chunked encoding, a Content-Length larger than the body with the connection then held, a
/// Content-Length beyond the server's body limits, a body that never arrives, pipelined garbage.
/// </summary>
internal sealed class FramingCases(Random random, Genuine genuine, string host)
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(10);

    // Kestrel answers a stalled body after its minimum data rate grace period (5 s): wait longer than that.
    private static readonly TimeSpan StallAnswer = TimeSpan.FromSeconds(15);

    public List<FuzzCase> Build(int garbagePerEndpoint)
    {
        var cases = new List<FuzzCase>();
        foreach (var endpoint in PostEndpoint.All)
        {
            cases.AddRange(ForEndpoint(endpoint, garbagePerEndpoint));
        }

        // A GET whose body nobody reads.
        var me = new PostEndpoint("/api/me/", []);
        cases.AddRange(ForEndpoint(me, garbagePerEndpoint / 2, method: "GET"));
        return cases;
    }

    private IEnumerable<FuzzCase> ForEndpoint(PostEndpoint endpoint, int garbageCount, string method = "POST")
    {
        // Protected endpoints that read their body get the second user's bearer, so the body is read;
        // logout/all and logout/others would end sessions without reading it, so they go without.
        var bearer = endpoint.Authenticated && !endpoint.IgnoresBody ? BearerSource.SecondUser : BearerSource.None;
        var auth = method == "GET" ? "Authorization: Bearer " + genuine.Access1 + "\r\n"
            : bearer == BearerSource.SecondUser ? "Authorization: Bearer " + RawScript.BearerMarker + "\r\n" : "";
        var body = JsonText.Utf8(JsonText.Object(endpoint.Fields.Select(f => (f, JsonText.Quote(f == "token" || f == "refresh" ? "not-a-token" : "fuzz-value")))));
        var who = $"{method} {endpoint.Path}" + (bearer == BearerSource.SecondUser ? " (bearer: second user)" : endpoint.Authenticated ? " (no bearer)" : "");
        string Head(string framing) => $"{method} {endpoint.Path} HTTP/1.1\r\nHost: {host}\r\n{auth}Content-Type: application/json\r\n{framing}\r\n";
        var hex = body.Length.ToString("x", CultureInfo.InvariantCulture);
        var text = Encoding.UTF8.GetString(body);

        FuzzCase Case(string kind, string label, RawStep[] steps, int expected = 1, int min = 1, TimeSpan? limit = null) => new()
        {
            Category = "framing", Kind = "framing/" + kind, Label = $"{who}: {label}", CloseAllowed = min == 0,
            Raw = new RawScript(steps, expected, min, limit ?? Answer, label, bearer),
        };
        RawStep Send(string ascii) => new(RawRequest.Ascii(ascii));

        // Bad chunked encoding: a server must answer 400 (RFC 9112 §7.1, §6.3).
        const string chunked = "Transfer-Encoding: chunked\r\n";
        foreach (var (label, chunks) in new[]
                 {
                     ("chunk size zz", $"zz\r\n{text}\r\n0\r\n\r\n"),
                     ("chunk size -5", $"-5\r\n{text}\r\n0\r\n\r\n"),
                     ("chunk size overflowing 64 bits", $"fffffffffffffffffffff\r\n{text}\r\n0\r\n\r\n"),
                     ("chunk data longer than its size", $"2\r\n{text}\r\n0\r\n\r\n"),
                     ("no CRLF after the chunk data", $"{hex}\r\n{text}0\r\n\r\n"),
                     ("chunk size 0x-prefixed", $"0x{hex}\r\n{text}\r\n0\r\n\r\n"),
                     ("a space inside the chunk size", $"{hex[0]} {hex[1..]}\r\n{text}\r\n0\r\n\r\n"),
                     ("a control byte in a chunk extension", $"{hex};\x01=\x02\r\n{text}\r\n0\r\n\r\n"),
                     ("LF-only chunk lines", $"{hex}\n{text}\n0\n\n"),
                     ("a bad trailer line", $"{hex}\r\n{text}\r\n0\r\nno-colon-trailer\r\n\r\n"),
                     ("an empty chunk size line", $"\r\n{text}\r\n0\r\n\r\n"),
                 })
        {
            yield return Case("bad-chunked", $"Transfer-Encoding: chunked, {label}", [Send(Head(chunked) + chunks)]);
        }

        foreach (var (label, framing) in new[]
                 {
                     ("Transfer-Encoding: gzip (not chunked last)", "Transfer-Encoding: gzip\r\n"),
                     ("Transfer-Encoding: chunked, gzip", "Transfer-Encoding: chunked, gzip\r\n"),
                     ("Transfer-Encoding: xchunked", "Transfer-Encoding: xchunked\r\n"),
                     ("Transfer-Encoding twice", chunked + chunked),
                     ("Transfer-Encoding and Content-Length 3", chunked + "Content-Length: 3\r\n"),
                 })
        {
            yield return Case("bad-chunked", label, [Send(Head(framing) + $"{hex}\r\n{text}\r\n0\r\n\r\n")]);
        }

        // A valid chunked body in 1-byte chunks: well framed, only slow to parse.
        yield return Case("chunked", "the body in 1-byte chunks", [Send(Head(chunked) + string.Concat(text.Select(c => $"1\r\n{c}\r\n")) + "0\r\n\r\n")]);

        // Chunked body cut short, then the client stops sending: incomplete, the server may close (RFC 9112 §6.3, §8).
        yield return Case("bad-chunked", "chunked, the last chunk never sent, then half-close",
            [Send(Head(chunked) + $"{hex}\r\n{text}\r\n"), new RawStep(Pause: TimeSpan.FromMilliseconds(300), ShutdownSend: true)], min: 0);
        yield return Case("bad-chunked", "chunk size 100000 with a short chunk, then half-close",
            [Send(Head(chunked) + $"100000\r\n{text}"), new RawStep(Pause: TimeSpan.FromMilliseconds(300), ShutdownSend: true)], min: 0);

        // Content-Length larger than the body, the connection held, then half-closed.
        var hold = TimeSpan.FromMilliseconds(random.Next(800, 1600));
        yield return Case("short-body", $"Content-Length {body.Length + 50} with {body.Length} bytes, held {hold.TotalMilliseconds} ms, then half-close",
            [Send(Head($"Content-Length: {body.Length + 50}\r\n") + text), new RawStep(Pause: hold, ShutdownSend: true)], min: 0);
        yield return Case("short-body", $"Content-Length 1 with no byte, held {hold.TotalMilliseconds} ms, then half-close",
            [Send(Head("Content-Length: 1\r\n")), new RawStep(Pause: hold, ShutdownSend: true)], min: 0);
        yield return Case("short-body", $"Content-Length {body.Length + 50} with {body.Length} bytes, then the connection held open",
            [Send(Head($"Content-Length: {body.Length + 50}\r\n") + text)], min: 0, limit: StallAnswer);

        // Content-Length beyond the limits: the endpoints' 64 KiB and Kestrel's 30,000,000 bytes.
        yield return Case("too-large", "Content-Length 100000000 (beyond Kestrel's limit), 1 KB sent",
            [Send(Head("Content-Length: 100000000\r\n") + new string(' ', 1024))]);
        yield return Case("too-large", "Content-Length 9223372036854775807, 1 KB sent",
            [Send(Head("Content-Length: 9223372036854775807\r\n") + new string(' ', 1024))]);
        yield return Case("too-large", "Content-Length 70000 (beyond 64 KiB), all sent",
            [new RawStep(RawRequest.Concat(RawRequest.Ascii(Head("Content-Length: 70000\r\n")), Padded(body, 70_000)))]);
        yield return Case("too-large", "Content-Length 70000 (beyond 64 KiB), 1 KB sent, then nothing",
            [Send(Head("Content-Length: 70000\r\n") + new string(' ', 1024))], min: 0, limit: StallAnswer);

        // Content-Length values no parser should take: Kestrel answers 400 before any endpoint runs.
        foreach (var value in new[] { "99999999999999999999", "-1", "abc", "1, 2", " 5", "5 5", "0x10", "+5", "" })
        {
            yield return Case("bad-length", $"Content-Length: {value}", [Send(Head($"Content-Length: {value}\r\n") + text)]);
        }

        yield return Case("bad-length", "two different Content-Length headers", [Send(Head($"Content-Length: {body.Length}\r\nContent-Length: {body.Length + 1}\r\n") + text)]);

        // A body that never arrives: the server must not wait forever; 408, or a close.
        yield return Case("no-body", "Content-Length 40, no body sent", [Send(Head("Content-Length: 40\r\n"))], min: 0, limit: StallAnswer);
        yield return Case("no-body", "chunked, no chunk sent", [Send(Head(chunked))], min: 0, limit: StallAnswer);
        yield return Case("no-body", "chunked, a chunk size line and no data", [Send(Head(chunked) + "40\r\n")], min: 0, limit: StallAnswer);

        // Pipelined: well-framed requests then garbage in one write, the connection left open (Kestrel
        // takes a half-close for the client leaving and drops what is in flight). The well-framed ones
        // must be answered; the garbage gets a 4xx or the connection is closed (RFC 9112 §9.3), and
        // garbage that is an unfinished request is not waited for.
        var well = RawRequest.Ascii(Head($"Content-Length: {body.Length}\r\n") + text);
        for (var i = 0; i < garbageCount; i++)
        {
            var (label, garbage, unfinished) = Garbage();
            var requests = random.Next(1, 3);
            var bytes = RawRequest.Concat(Enumerable.Repeat(well, requests).Append(garbage).ToArray());
            yield return Case("pipelined", $"{requests} well-framed request(s), then {label}",
                [new RawStep(bytes)], expected: unfinished ? requests : requests + 1, min: requests);
        }
    }

    private (string Label, byte[] Bytes, bool Unfinished) Garbage()
    {
        switch (random.Next(10))
        {
            case 0:
            {
                var bytes = new byte[random.Next(1, 200)];
                random.NextBytes(bytes);
                return ($"{bytes.Length} random bytes", bytes, false);
            }

            case 1:
                return ("a bare CRLF CRLF", RawRequest.Ascii("\r\n\r\n"), true);
            case 2:
                return ("a request without Host", RawRequest.Ascii("GET /api/me/ HTTP/1.1\r\n\r\n"), false);
            case 3:
                return ("an unfinished request", RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nHost: {host}\r\n"), true);
            case 4:
                return ("a 10 KB request line", RawRequest.Ascii($"GET /{new string('a', 10_000)} HTTP/1.1\r\nHost: {host}\r\n\r\n"), false);
            case 5:
                return ("a header line without a colon", RawRequest.Ascii($"GET /api/me/ HTTP/1.1\r\nHost: {host}\r\nno colon here\r\n\r\n"), false);
            case 6:
                return ("NUL bytes", new byte[random.Next(1, 64)], false);
            case 7:
                return ("a request with an unfinished body", RawRequest.Ascii($"POST /api/token/verify/ HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"token\": "), true);
            case 8:
                return ("a request line with tabs and extra spaces", RawRequest.Ascii($"GET\t/api/me/  HTTP/1.1 x\r\nHost: {host}\r\n\r\n"), false);
            default:
            {
                var letters = new char[random.Next(1, 80)];
                for (var i = 0; i < letters.Length; i++)
                {
                    letters[i] = (char)random.Next(0x20, 0x7f);
                }

                return ($"{letters.Length} printable characters and CRLF CRLF", RawRequest.Ascii(new string(letters) + "\r\n\r\n"), false);
            }
        }
    }

    // The body padded with spaces after the JSON to the given length.
    private static byte[] Padded(byte[] body, int length) => body.Concat(Enumerable.Repeat((byte)' ', length - body.Length)).ToArray();
}
