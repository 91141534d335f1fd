using System.Buffers;
using System.Text.Json;
using JwtAuth.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Endpoints;

/// <summary>
/// Reads a request body defensively, in the media types DRF's default parsers accept: a JSON object,
/// <c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c> (any other type 415), at
/// most 64 KiB (413), bounded nesting, and every parse error a 400, never a 500. A body whose HTTP framing is broken
/// gets the status the server gives it (Kestrel's <see cref="BadHttpRequestException"/>): a bad
/// chunked encoding or a body cut short 400, a body that does not arrive in time 408, a
/// Content-Length beyond the server's limit 413; any other failure to read the body (Kestrel
/// reports a chunk size too large for a number as an <see cref="IOException"/>) 400.
/// </summary>
public sealed class RequestBody : IDisposable
{
    // A client that sends a large body before reading the answer must not see its connection reset,
    // so a too-large body is read and dropped up to this bound before the 413 goes out.
    private const int DrainLimit = 4 * 1024 * 1024;

    private const string RequestTimeoutCode = "request_timeout";

    // The whole body is already held (at most 64 KiB) when the form is parsed: these bound what
    // ASP.NET Core's form reader may build from it, not what it may read.
    private static readonly FormOptions FormLimits = new()
    {
        BufferBody = false,
        ValueLengthLimit = JwtAuthDefaults.MaxRequestBodyBytes,
        MultipartBodyLengthLimit = JwtAuthDefaults.MaxRequestBodyBytes,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    private readonly JsonDocument? _document;
    private readonly IFormCollection? _form;
    private readonly bool _absent;

    private RequestBody(JsonDocument? document, ProblemHttpResult? error, bool absent = false, IFormCollection? form = null)
    {
        _document = document;
        _form = form;
        Error = error;
        _absent = absent;
    }

    /// <summary>The problem to answer with instead of reading fields, or null.</summary>
    public ProblemHttpResult? Error { get; }

    /// <summary>
    /// Whether the request had no body and no JSON or form content type. An empty body sent as JSON
    /// or as a form reads as <c>{}</c>, as DRF reads it.
    /// </summary>
    public bool IsAbsent => _absent;

    /// <summary>
    /// The body's JSON object, for fields that are not plain strings; false when there is no body
    /// or the body is a form (an empty one reads as <c>{}</c> through the field readers). Valid
    /// until this is disposed.
    /// </summary>
    public bool TryGetObject(out JsonElement root)
    {
        root = _document?.RootElement ?? default;
        return _document is not null;
    }

    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            // The server refused the body's framing while it was read: the client's mistake, never a 500.
            return Fail(exception.StatusCode, exception.StatusCode switch
            {
                StatusCodes.Status400BadRequest => JwtAuthMessages.BodyMalformed,
                StatusCodes.Status408RequestTimeout => JwtAuthMessages.BodyTimedOut,
                StatusCodes.Status413PayloadTooLarge => JwtAuthMessages.PayloadTooLarge,
                _ => JwtAuthMessages.BodyUnreadable,
            }, exception.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => RequestTimeoutCode,
                var status => JwtAuthErrorCodes.ForStatus(status),
            });
        }
        catch (IOException)
        {
            return Fail(StatusCodes.Status400BadRequest, JwtAuthMessages.BodyMalformed, JwtAuthErrorCodes.Invalid);
        }
    }

    private static async Task<RequestBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > JwtAuthDefaults.MaxRequestBodyBytes)
        {
            await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
            return Fail(StatusCodes.Status413PayloadTooLarge, JwtAuthMessages.PayloadTooLarge, JwtAuthErrorCodes.PayloadTooLarge);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(JwtAuthDefaults.MaxRequestBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= JwtAuthDefaults.MaxRequestBodyBytes
                   && (read = await request.Body.ReadAsync(buffer.AsMemory(length, JwtAuthDefaults.MaxRequestBodyBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > JwtAuthDefaults.MaxRequestBodyBytes)
            {
                await DrainAsync(request.Body, cancellationToken).ConfigureAwait(false);
                return Fail(StatusCodes.Status413PayloadTooLarge, JwtAuthMessages.PayloadTooLarge, JwtAuthErrorCodes.PayloadTooLarge);
            }

            if (request.HasFormContentType)
            {
                return await ReadFormAsync(request, buffer, length, cancellationToken).ConfigureAwait(false);
            }

            if (length == 0)
            {
                return new RequestBody(null, null, absent: !IsJson(request.ContentType));
            }

            if (!IsJson(request.ContentType))
            {
                return Fail(StatusCodes.Status415UnsupportedMediaType, JwtAuthMessages.UnsupportedMediaType, JwtAuthErrorCodes.UnsupportedMediaType);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, length), DocumentOptions);
            }
            catch (JsonException)
            {
                return Fail(StatusCodes.Status400BadRequest, JwtAuthMessages.InvalidJson, JwtAuthErrorCodes.Invalid);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return Fail(StatusCodes.Status400BadRequest, JwtAuthMessages.BodyNotObject, JwtAuthErrorCodes.Invalid);
            }

            if (!HasReadableNames(document.RootElement))
            {
                document.Dispose();
                return Fail(StatusCodes.Status400BadRequest, JwtAuthMessages.InvalidJson, JwtAuthErrorCodes.Invalid);
            }

            return new RequestBody(document, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The bytes already read are handed to ASP.NET Core's form reader: the 64 KiB bound and the
    // framing errors stay the same for every media type.
    private static async Task<RequestBody> ReadFormAsync(HttpRequest request, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        var original = request.Body;
        request.Body = new MemoryStream(buffer, 0, length, writable: false);
        try
        {
            var form = await request.ReadFormAsync(FormLimits, cancellationToken).ConfigureAwait(false);
            return new RequestBody(null, null, form: form);
        }
        catch (InvalidDataException)
        {
            return Fail(StatusCodes.Status400BadRequest, JwtAuthMessages.FormInvalid, JwtAuthErrorCodes.Invalid);
        }
        finally
        {
            // The buffer goes back to the pool: nothing may read it through the request later.
            request.Body = original;
        }
    }

    /// <summary>
    /// Reads a required string field the way DRF's <c>CharField</c> does, recording a field error
    /// when it is missing, null, not a string or blank.
    /// </summary>
    public string? RequiredString(string name, Dictionary<string, string[]> errors, bool trim = false)
    {
        var text = _form is not null ? RequiredFormText(name, errors) : RequiredJsonText(name, errors);
        if (text is null)
        {
            return null;
        }

        if (trim)
        {
            text = text.Trim();
        }

        if (text.Length == 0)
        {
            errors[name] = [JwtAuthMessages.FieldBlank];
            return null;
        }

        return text;
    }

    /// <summary>An optional string field; a field error when present but not a string.</summary>
    public string? OptionalString(string name, Dictionary<string, string[]> errors)
    {
        if (_form is not null)
        {
            if (_form.Files.GetFile(name) is not null)
            {
                errors[name] = [JwtAuthMessages.FieldNotString];
                return null;
            }

            return FormValue(name);
        }

        if (_document is null || !_document.RootElement.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !TryGetString(value, out var text))
        {
            errors[name] = [JwtAuthMessages.FieldNotString];
            return null;
        }

        return text;
    }

    // The field's text, or null with its error recorded: missing, null or not a string.
    private string? RequiredJsonText(string name, Dictionary<string, string[]> errors)
    {
        if (_document is null || !_document.RootElement.TryGetProperty(name, out var value))
        {
            errors[name] = [JwtAuthMessages.FieldRequired];
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[name] = [value.ValueKind == JsonValueKind.Null ? JwtAuthMessages.FieldNull : JwtAuthMessages.FieldNotString];
            return null;
        }

        if (!TryGetString(value, out var text))
        {
            errors[name] = [JwtAuthMessages.FieldNotString];
            return null;
        }

        return text;
    }

    // A form has no null and no types: a field is missing, a file (DRF: not a string) or text.
    private string? RequiredFormText(string name, Dictionary<string, string[]> errors)
    {
        if (_form!.Files.GetFile(name) is not null)
        {
            errors[name] = [JwtAuthMessages.FieldNotString];
            return null;
        }

        var text = FormValue(name);
        if (text is null)
        {
            errors[name] = [JwtAuthMessages.FieldRequired];
        }

        return text;
    }

    // A repeated field counts with its last value, as Django's QueryDict reads it.
    private string? FormValue(string name) =>
        _form!.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] ?? "" : null;

    // A name escaping a lone surrogate ("\ud800") parses, but looking any field up throws while
    // names are compared: such a body is refused as invalid JSON here, before fields are read.
    private static bool HasReadableNames(JsonElement root)
    {
        try
        {
            foreach (var property in root.EnumerateObject())
            {
                _ = property.Name;
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Invalid UTF-8 and lone surrogate escapes parse as JSON but cannot become .NET strings.
    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    public void Dispose() => _document?.Dispose();

    private static RequestBody Fail(int status, string detail, string code) =>
        new(null, JwtAuthProblems.Problem(status, detail, code));

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.SubType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var total = 0;
            int read;
            while (total < DrainLimit && (read = await body.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
        catch (Exception exception) when (exception is BadHttpRequestException or IOException)
        {
            // Draining is a courtesy: a body beyond the server's own limit, cut short, stalled or broken is still too large (413).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
