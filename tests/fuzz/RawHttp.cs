using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace JwtAuth.Fuzz;

/// <summary>
/// HTTP/1.1 over a bare TcpClient, for what HttpClient will not send: broken framing, pipelining,
/// header bytes it refuses. Reads answers until it has the expected number, the server closes, or
/// the script's read limit passes.
/// </summary>
internal static class RawHttp
{
    private const int MaxRead = 2 * 1024 * 1024;

    public static async Task<Outcome> ExchangeAsync(Uri baseUri, RawScript script, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(baseUri.Host, baseUri.Port, cancellationToken);
        var stream = client.GetStream();
        string? sendError = null;
        foreach (var step in script.Steps)
        {
            try
            {
                if (step.Send is not null)
                {
                    await stream.WriteAsync(step.Send, cancellationToken);
                }

                if (step.Pause > TimeSpan.Zero)
                {
                    await Task.Delay(step.Pause, cancellationToken);
                }

                if (step.ShutdownSend)
                {
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                // The server may answer and close before all of a broken request is sent: read what came.
                sendError = "send: " + exception.GetBaseException().Message;
                break;
            }
        }

        var received = new List<byte>();
        var statuses = new List<int>();
        string? readError = null;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(script.ReadLimit);
        var buffer = new byte[64 * 1024];
        var parsedUpTo = 0;
        try
        {
            while (statuses.Count < script.ExpectedResponses && received.Count < MaxRead)
            {
                var read = await stream.ReadAsync(buffer, limit.Token);
                if (read == 0)
                {
                    readError = "closed";
                    break;
                }

                received.AddRange(buffer.AsSpan(0, read));
                parsedUpTo = Parse(received, parsedUpTo, statuses, final: false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            readError = $"no answer within {script.ReadLimit.TotalSeconds:0.#} s";
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            readError = "read: " + exception.GetBaseException().Message;
        }

        // An answer without a length ends at the close.
        Parse(received, parsedUpTo, statuses, final: readError == "closed");
        var error = statuses.Count >= script.ExpectedResponses ? null : string.Join("; ", new[] { sendError, readError }.Where(e => e is not null));
        var bytes = received.ToArray();
        return new Outcome(statuses, string.IsNullOrEmpty(error) ? null : error, Printable.Bytes(bytes, 1500));
    }

    /// <summary>Adds the status of every complete answer from <paramref name="start"/>; returns where the next one starts.</summary>
    private static int Parse(List<byte> data, int start, List<int> statuses, bool final)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(data);
        while (start < span.Length)
        {
            var rest = span[start..];
            var end = rest.IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return start;
            }

            var head = Encoding.Latin1.GetString(rest[..end]);
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                // Not HTTP: count it as one unreadable answer and stop.
                statuses.Add(0);
                return span.Length;
            }

            var bodyStart = end + 4;
            long? contentLength = null;
            var chunked = false;
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    contentLength = length;
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = true;
                }
            }

            int next;
            if (status is >= 100 and < 200 || status is 204 or 304)
            {
                next = bodyStart;
            }
            else if (chunked)
            {
                var consumed = ChunkedLength(rest[bodyStart..]);
                if (consumed < 0)
                {
                    return start;
                }

                next = bodyStart + consumed;
            }
            else if (contentLength is { } length)
            {
                if (rest.Length - bodyStart < length)
                {
                    return start;
                }

                next = bodyStart + (int)length;
            }
            else if (final)
            {
                next = rest.Length;
            }
            else
            {
                return start;
            }

            if (status >= 200)
            {
                statuses.Add(status);
            }

            start += next;
        }

        return start;
    }

    // The length of a complete chunked body (last chunk and trailers included), or -1 when incomplete.
    private static int ChunkedLength(ReadOnlySpan<byte> body)
    {
        var at = 0;
        while (true)
        {
            var lineEnd = body[at..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return -1;
            }

            var sizeText = Encoding.ASCII.GetString(body.Slice(at, lineEnd)).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size))
            {
                return -1;
            }

            at += lineEnd + 2;
            if (size == 0)
            {
                // Trailers end with an empty line.
                while (true)
                {
                    var trailerEnd = body[at..].IndexOf("\r\n"u8);
                    if (trailerEnd < 0)
                    {
                        return -1;
                    }

                    at += trailerEnd + 2;
                    if (trailerEnd == 0)
                    {
                        return at;
                    }
                }
            }

            if (body.Length < at + size + 2)
            {
                return -1;
            }

            at += size + 2;
        }
    }
}
