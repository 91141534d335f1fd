using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using JwtAuth.Tokens;

namespace JwtAuth.Server.Hosting;

/// <summary>
/// The <c>sid</c> claim of a compact JWT, read from its payload WITHOUT checking the signature: only
/// a rate-limit key. A forged token can name any session, but it is refused by the endpoint as soon
/// as the signature is checked, so all it can do is spend a bucket of its own. Bounded: a token or
/// payload longer than a real one, or a <c>sid</c> longer than a session id, reads as none.
/// </summary>
internal static class UnverifiedSessionId
{
    private const int MaxTokenLength = 8 * 1024;
    private const int MaxSessionIdLength = 64;

    public static string? Read(string? token)
    {
        if (token is null || token.Length > MaxTokenLength)
        {
            return null;
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        var payload = token.AsSpan(first + 1, second - first - 1);
        var bytes = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(payload.Length));
        try
        {
            if (!Base64Url.TryDecodeFromChars(payload, bytes, out var length))
            {
                return null;
            }

            return FindSessionId(bytes.AsSpan(0, length));
        }
        catch (FormatException)
        {
            // TryDecodeFromChars throws on characters outside the alphabet.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string? FindSessionId(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSessionId = reader.ValueTextEquals(JwtAuthClaimNames.SessionId);
                if (!reader.Read())
                {
                    return null;
                }

                if (isSessionId)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length <= MaxSessionIdLength ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
