using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// A JSON or form request body read ahead of its endpoint (for a rate-limit key, or a field check),
/// then put back so that the endpoint reads exactly the bytes the client sent. Bounded like the
/// endpoint's own read (<see cref="JwtAuthDefaults.MaxRequestBodyBytes"/>): a larger body, or one
/// of another type, peeks as empty and is left for the endpoint to refuse (413, 415, 400).
/// </summary>
/// <remarks>
/// Not <c>HttpRequest.EnableBuffering</c>: that keeps every byte read through it, so the endpoint
/// draining an oversized body before its 413 (up to 4 MiB) would spill into a temporary file. Here
/// at most the bounded prefix is held, in memory, and the rest streams through untouched.
/// </remarks>
internal sealed class PeekedRequestBody
{
    private static readonly PeekedRequestBody Empty = new(null);
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    // The endpoint's bounds (RequestBody): the whole body is held before the form is parsed.
    private static readonly FormOptions FormLimits = new()
    {
        BufferBody = false,
        ValueLengthLimit = JwtAuthDefaults.MaxRequestBodyBytes,
        MultipartBodyLengthLimit = JwtAuthDefaults.MaxRequestBodyBytes,
    };

    private readonly JsonDocument? _document;
    private readonly IFormCollection? _form;

    private PeekedRequestBody(JsonDocument? document, IFormCollection? form = null)
    {
        _document = document;
        _form = form;
    }

    /// <summary>The body of this request, read once per request and cached.</summary>
    public static async ValueTask<PeekedRequestBody> ReadAsync(HttpContext http)
    {
        if (http.Features.Get<PeekedRequestBody>() is { } cached)
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
        if (_form is not null)
        {
            // The last of a repeated field, as Django's QueryDict and the endpoint read it.
            return _form.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
        }

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

    private static async ValueTask<PeekedRequestBody> PeekAsync(HttpContext http)
    {
        var request = http.Request;
        const int limit = JwtAuthDefaults.MaxRequestBodyBytes;
        if (!(IsJson(request.ContentType) || request.HasFormContentType) || request.ContentLength > limit)
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
            if (request.HasFormContentType)
            {
                return await PeekFormAsync(http, bytes).ConfigureAwait(false);
            }

            try
            {
                var document = JsonDocument.Parse(bytes, DocumentOptions);
                http.Response.RegisterForDispose(document);
                return document.RootElement.ValueKind == JsonValueKind.Object ? new PeekedRequestBody(document) : Empty;
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

    private static async ValueTask<PeekedRequestBody> PeekFormAsync(HttpContext http, byte[] bytes)
    {
        try
        {
            return new PeekedRequestBody(null, await http.Request.ReadFormAsync(FormLimits, http.RequestAborted).ConfigureAwait(false));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // A malformed form: the endpoint's own reading answers 400.
            return Empty;
        }
        finally
        {
            http.Request.Body = new MemoryStream(bytes, writable: false);
        }
    }

    // The endpoint's rule (RequestBody): application/json or any +json type.
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
