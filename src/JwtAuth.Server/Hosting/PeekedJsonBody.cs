using System.Buffers;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// A JSON request body read ahead of its endpoint (for a rate-limit key, or a field check), then put
/// back so that the endpoint reads exactly the bytes the client sent. Bounded like the endpoint's own
/// read (<see cref="JwtAuthDefaults.MaxRequestBodyBytes"/>): a larger body, or one that is not JSON,
/// peeks as empty and is left for the endpoint to refuse (413, 415, 400).
/// </summary>
/// <remarks>
/// Not <c>HttpRequest.EnableBuffering</c>: that keeps every byte read through it, so the endpoint
/// draining an oversized body before its 413 (up to 4 MiB) would spill into a temporary file. Here
/// at most the bounded prefix is held, in memory, and the rest streams through untouched.
/// </remarks>
internal sealed class PeekedJsonBody
{
    private static readonly PeekedJsonBody Empty = new(null);
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    private readonly JsonDocument? _document;

    private PeekedJsonBody(JsonDocument? document) => _document = document;

    /// <summary>The body of this request, read once per request and cached.</summary>
    public static async ValueTask<PeekedJsonBody> ReadAsync(HttpContext http)
    {
        if (http.Features.Get<PeekedJsonBody>() is { } cached)
        {
            return cached;
        }

        var peeked = await PeekAsync(http).ConfigureAwait(false);
        http.Features.Set(peeked);
        return peeked;
    }

    /// <summary>A top-level string field, or null when the body has none (missing, another type, not an object, unreadable).</summary>
    public string? String(string name)
    {
        try
        {
            // Comparing names unescapes them: a name escaping a lone surrogate throws there too.
            return _document is not null && _document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate escape: the endpoint's own reading answers 400.
            return null;
        }
    }

    private static async ValueTask<PeekedJsonBody> PeekAsync(HttpContext http)
    {
        var request = http.Request;
        const int limit = JwtAuthDefaults.MaxRequestBodyBytes;
        if (!IsJson(request.ContentType) || request.ContentLength > limit)
        {
            return Empty;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= limit
                   && (read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            var bytes = buffer.AsSpan(0, length).ToArray();
            if (length > limit)
            {
                request.Body = new PrefixedStream(bytes, request.Body);
                return Empty;
            }

            request.Body = new MemoryStream(bytes, writable: false);
            try
            {
                var document = JsonDocument.Parse(bytes, DocumentOptions);
                http.Response.RegisterForDispose(document);
                return document.RootElement.ValueKind == JsonValueKind.Object ? new PeekedJsonBody(document) : Empty;
            }
            catch (JsonException)
            {
                return Empty;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The endpoint's rule (JsonRequestBody): application/json or any +json type.
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The bytes already read, then the rest of the original body.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position < prefix.Length)
            {
                return Copy(buffer);
            }

            return rest.Read(buffer);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _position < prefix.Length ? ValueTask.FromResult(Copy(buffer.Span)) : rest.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Copy(Span<byte> destination)
        {
            var count = Math.Min(destination.Length, prefix.Length - _position);
            prefix.AsSpan(_position, count).CopyTo(destination);
            _position += count;
            return count;
        }
    }
}
