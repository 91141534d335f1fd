using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace JwtAuth.Tokens;

/// <summary>
/// The bearer hot path's validator for HMAC tokens (HS256/384/512). It gives the verdict and the
/// <see cref="TokenFailure"/> of <see cref="TokenValidator"/> (the reference, which the tests hold it
/// to) without allocating: the token is read as characters, decoded into stack or pooled buffers,
/// verified with a keyed HMAC kept per thread and <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// and parsed with <see cref="Utf8JsonReader"/>.
/// </summary>
/// <remarks>
/// Every refusal before SimpleJWT's claim rules is <see cref="TokenFailure.InvalidOrExpired"/>, so the
/// order of those checks changes no verdict. The signature is checked first: JSON from anyone
/// without the key is never parsed.
/// </remarks>
internal sealed class HmacTokenReader
{
    private const int StackBufferBytes = 2048;
    private const int StackTextChars = 512;
    private const int MaxHashBytes = 64;

    // An escaped JSON string spends at most six bytes (\uXXXX) on each character it decodes to.
    private const int MaxEscapedBytesPerChar = 6;
    private const int LongestTypeName = 7;
    private const int SessionIdChars = 32;

    private static readonly SearchValues<char> CompactChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static HmacTokenReader? t_hmacOwner;

    private readonly byte[] _key;
    private readonly int _hashBytes;
    private readonly HashAlgorithmName _hashName;
    private readonly byte[] _algorithm;
    private readonly byte[] _keyId;
    private readonly byte[]? _audience;
    private readonly byte[]? _issuer;
    private readonly byte[] _userIdClaim;
    private readonly byte[] _tokenTypeClaim;
    private readonly byte[] _jtiClaim;
    private readonly int _maxTokenLength;
    private readonly long _leeway;

    public HmacTokenReader(JwtAuthOptions options, TokenKeys keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        if (!TokenAlgorithms.IsHmac(keys.Algorithm))
        {
            throw new ArgumentException($"{keys.Algorithm} is not an HMAC algorithm.", nameof(keys));
        }

        _key = keys.HmacSecret;
        _hashBytes = TokenAlgorithms.HashBytes(keys.Algorithm);
        _hashName = _hashBytes switch
        {
            32 => HashAlgorithmName.SHA256,
            48 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        _algorithm = Encoding.UTF8.GetBytes(keys.Algorithm);
        _keyId = Encoding.UTF8.GetBytes(keys.KeyId);
        _audience = options.Audience is null ? null : Encoding.UTF8.GetBytes(options.Audience);
        _issuer = options.Issuer is null ? null : Encoding.UTF8.GetBytes(options.Issuer);
        _userIdClaim = Encoding.UTF8.GetBytes(options.UserIdClaim);
        _tokenTypeClaim = Encoding.UTF8.GetBytes(options.TokenTypeClaim);
        _jtiClaim = Encoding.UTF8.GetBytes(options.JtiClaim);
        _maxTokenLength = options.MaxTokenLength;
        _leeway = (long)options.Leeway.TotalSeconds;
    }

    /// <summary>
    /// The token endpoints' check: the verdict <see cref="TokenValidator.ValidateAsync"/> gives, and
    /// for an accepted token its contents (strings made only then), without the parsed token.
    /// </summary>
    public TokenCheck Check(string token, long now)
    {
        char[]? rented = null;
        // Read refuses an over-long token before it looks at the buffer.
        var text = token.Length <= StackTextChars ? stackalloc char[token.Length]
            : token.Length <= _maxTokenLength ? (rented = ArrayPool<char>.Shared.Rent(token.Length))
            : default;
        try
        {
            var failure = Read(token, now, text, out var claims);
            return failure != TokenFailure.None
                ? TokenCheck.Fail(failure)
                : new TokenCheck(TokenFailure.None, new TokenContents
                {
                    Type = claims.Type,
                    TokenId = new string(text[claims.TokenId]),
                    UserId = new string(text[claims.UserId]),
                    SessionId = claims.SessionId,
                    ExpiresAt = claims.ExpiresAt,
                    IssuedAt = claims.IssuedAt,
                    RefreshExpiresAt = claims.RefreshExpiresAt,
                });
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Validates a compact JWS signed with the configured HMAC key.</summary>
    /// <param name="token">The token's characters.</param>
    /// <param name="now">The current time, epoch seconds.</param>
    /// <param name="text">
    /// Receives the user id and the <c>jti</c>; at least as long as <paramref name="token"/>.
    /// </param>
    /// <param name="claims">The claims of an accepted token.</param>
    public TokenFailure Read(ReadOnlySpan<char> token, long now, Span<char> text, out HmacTokenClaims claims)
    {
        claims = default;
        if (token.IsEmpty || token.Length > _maxTokenLength || token.ContainsAnyExcept(CompactChars))
        {
            return TokenFailure.InvalidOrExpired;
        }

        if (text.Length < token.Length)
        {
            throw new ArgumentException("The text buffer must be at least as long as the token.", nameof(text));
        }

        var dot1 = token.IndexOf('.');
        var rest = dot1 < 0 ? default : token[(dot1 + 1)..];
        var dot2 = rest.IndexOf('.');
        if (dot1 < 0 || dot2 < 0 || rest[(dot2 + 1)..].Contains('.'))
        {
            return TokenFailure.InvalidOrExpired;
        }

        dot2 += dot1 + 1;
        var headerMax = Base64Url.GetMaxDecodedLength(dot1);
        var payloadMax = Base64Url.GetMaxDecodedLength(dot2 - dot1 - 1);
        var scratchBytes = Math.Max(headerMax, payloadMax);
        var nameSlots = (scratchBytes / 4) + 1;
        var size = dot2 + headerMax + payloadMax + scratchBytes + (nameSlots * sizeof(int));

        byte[]? rented = null;
        var buffer = size <= StackBufferBytes ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            var input = buffer[..dot2];
            if (!HasValidSignature(token[..dot2], token[(dot2 + 1)..], input))
            {
                return TokenFailure.InvalidOrExpired;
            }

            var header = buffer.Slice(dot2, headerMax);
            var payload = buffer.Slice(dot2 + headerMax, payloadMax);
            var scratch = buffer.Slice(dot2 + headerMax + payloadMax, scratchBytes);
            var nameEnds = MemoryMarshal.Cast<byte, int>(buffer.Slice(dot2 + headerMax + payloadMax + scratchBytes, nameSlots * sizeof(int)));
            if (!TryDecode(token[..dot1], header, out var headerLength)
                || !TryDecode(token[(dot1 + 1)..dot2], payload, out var payloadLength)
                || !ReadHeader(header[..headerLength], scratch, nameEnds))
            {
                return TokenFailure.InvalidOrExpired;
            }

            var fields = default(PayloadFields);
            return ReadPayload(payload[..payloadLength], scratch, nameEnds, text, ref fields)
                ? CheckClaims(in fields, now, out claims)
                : TokenFailure.InvalidOrExpired;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private bool HasValidSignature(ReadOnlySpan<char> signingInput, ReadOnlySpan<char> signature, Span<byte> input)
    {
        Span<byte> sent = stackalloc byte[MaxHashBytes];
        if (signature.Length != Base64Url.GetEncodedLength(_hashBytes)
            || Base64Url.DecodeFromChars(signature, sent, out _, out var sentLength) != OperationStatus.Done
            || sentLength != _hashBytes)
        {
            return false;
        }

        // Only base64url characters and dots are left, so every character is one ASCII byte.
        var inputLength = Encoding.ASCII.GetBytes(signingInput, input);
        Span<byte> computed = stackalloc byte[MaxHashBytes];
        var hmac = ThreadHmac();
        hmac.AppendData(input[..inputLength]);
        var hash = computed[..hmac.GetHashAndReset(computed)];
        return CryptographicOperations.FixedTimeEquals(hash, sent[.._hashBytes]);
    }

    // A keyed HMAC per thread, reused: the one-shot HMACSHA256.HashData sets the key up again on
    // every call, which costs as much as hashing the token (see HmacBenchmarks).
    private IncrementalHash ThreadHmac()
    {
        if (t_hmac is null || !ReferenceEquals(t_hmacOwner, this))
        {
            t_hmac?.Dispose();
            t_hmac = IncrementalHash.CreateHMAC(_hashName, _key);
            t_hmacOwner = this;
        }

        return t_hmac;
    }

    // Strict base64url (no padding, no whitespace, no stray bits), then well-formed UTF-8 throughout.
    private static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> destination, out int length) =>
        Base64Url.DecodeFromChars(segment, destination, out _, out length) == OperationStatus.Done
        && Utf8.IsValid(destination[..length]);

    private bool ReadHeader(ReadOnlySpan<byte> json, Span<byte> names, Span<int> nameEnds)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var count = 0;
            var used = 0;
            var algorithmMatches = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!TryAddName(ref reader, names, nameEnds, ref count, ref used, out var name))
                {
                    return false;
                }

                // crit names extensions the recipient must understand; JwtAuth understands none.
                if (name.SequenceEqual("crit"u8))
                {
                    return false;
                }

                reader.Read();
                var type = reader.TokenType;
                if (name.SequenceEqual("alg"u8))
                {
                    algorithmMatches = type == JsonTokenType.String && reader.ValueTextEquals(_algorithm);
                }
                else if (name.SequenceEqual("kid"u8))
                {
                    // A kid we do not know is refused outright; SimpleJWT's tokens carry none.
                    if (type != JsonTokenType.String || !reader.ValueTextEquals(_keyId))
                    {
                        return false;
                    }
                }
                else if (IsStringHeader(name) && type is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    return false;
                }

                SkipValue(ref reader, names[used..]);
            }

            return !reader.Read() && algorithmMatches;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // JsonWebToken reads these header parameters as strings and refuses a token where they are not.
    private static bool IsStringHeader(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("typ"u8) || name.SequenceEqual("cty"u8) || name.SequenceEqual("zip"u8) || name.SequenceEqual("x5t"u8);

    private bool ReadPayload(ReadOnlySpan<byte> json, Span<byte> names, Span<int> nameEnds, Span<char> text, ref PayloadFields fields)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var count = 0;
            var used = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!TryAddName(ref reader, names, nameEnds, ref count, ref used, out var name))
                {
                    return false;
                }

                reader.Read();
                if (!ReadClaim(ref reader, name, names[used..], text, ref fields))
                {
                    return false;
                }
            }

            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private bool ReadClaim(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name, scoped Span<byte> scratch, scoped Span<char> text, ref PayloadFields fields)
    {
        var type = reader.TokenType;

        // JsonWebToken reads these registered claims with fixed types and refuses the token otherwise.
        if (((name.SequenceEqual("jti"u8) || name.SequenceEqual("azp"u8) || name.SequenceEqual("iss"u8))
                && type is not (JsonTokenType.String or JsonTokenType.Null))
            || (name.SequenceEqual("sub"u8) && type is not (JsonTokenType.String or JsonTokenType.Number or JsonTokenType.Null)))
        {
            return false;
        }

        // The claims of JwtAuthClaimSet; sub among them although JwtAuth never writes one.
        var isJwtAuthClaim = name.SequenceEqual("sub"u8);
        if (name.SequenceEqual("aud"u8))
        {
            isJwtAuthClaim = true;
            if (!ReadAudience(ref reader, scratch, ref fields))
            {
                return false;
            }
        }

        if (name.SequenceEqual("iss"u8))
        {
            isJwtAuthClaim = true;
            fields.IssuerMatches = _issuer is not null && type == JsonTokenType.String && reader.ValueTextEquals(_issuer);
        }

        if (name.SequenceEqual("exp"u8))
        {
            isJwtAuthClaim = true;
            fields.Exp = ReadEpoch(ref reader, out fields.ExpValue);
        }

        if (name.SequenceEqual("nbf"u8))
        {
            isJwtAuthClaim = true;
            fields.Nbf = ReadEpoch(ref reader, out fields.NbfValue);
        }

        if (name.SequenceEqual("iat"u8))
        {
            isJwtAuthClaim = true;
            fields.Iat = ReadEpoch(ref reader, out fields.IatValue);
        }

        if (name.SequenceEqual("refresh_exp"u8))
        {
            isJwtAuthClaim = true;
            fields.RefreshExp = ReadEpoch(ref reader, out fields.RefreshExpValue);
        }

        if (name.SequenceEqual("sid"u8))
        {
            isJwtAuthClaim = true;
            fields.HasSessionId = true;
            fields.SessionIdIsValid = ReadSessionId(ref reader, out fields.SessionId);
        }

        if (name.SequenceEqual(_tokenTypeClaim))
        {
            isJwtAuthClaim = true;
            fields.HasType = true;
            fields.Type = ReadTokenType(ref reader);
        }

        var isUserId = name.SequenceEqual(_userIdClaim);
        var isJti = name.SequenceEqual(_jtiClaim);
        if (isUserId || isJti)
        {
            isJwtAuthClaim = true;
            ReadIdentity(ref reader, text, isUserId, isJti, ref fields);
        }

        fields.HasHostClaims |= !isJwtAuthClaim;
        SkipValue(ref reader, scratch);
        return true;
    }

    private bool ReadAudience(ref Utf8JsonReader reader, scoped Span<byte> scratch, ref PayloadFields fields)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                MatchAudience(ref reader, scratch, ref fields);
                return true;
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        MatchAudience(ref reader, scratch, ref fields);
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private void MatchAudience(ref Utf8JsonReader reader, scoped Span<byte> scratch, ref PayloadFields fields)
    {
        SkipValue(ref reader, scratch);
        fields.AudienceMatches |= _audience is not null && reader.ValueTextEquals(_audience);
    }

    private static ClaimPresence ReadEpoch(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) ? ClaimPresence.Present : ClaimPresence.Malformed;
    }

    private static bool ReadSessionId(ref Utf8JsonReader reader, out Guid sessionId)
    {
        sessionId = Guid.Empty;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > SessionIdChars * MaxEscapedBytesPerChar)
        {
            return false;
        }

        Span<char> chars = stackalloc char[SessionIdChars * MaxEscapedBytesPerChar];
        var length = reader.CopyString(chars);
        return JwtAuthIds.TryParse(chars[..length], out sessionId);
    }

    private static TokenType ReadTokenType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > LongestTypeName * MaxEscapedBytesPerChar)
        {
            return TokenType.Unknown;
        }

        Span<char> chars = stackalloc char[LongestTypeName * MaxEscapedBytesPerChar];
        var length = reader.CopyString(chars);
        return TokenTypeNames.Parse(chars[..length]);
    }

    // The user id and the jti go to the caller's buffer: unescaped JSON text is never longer than
    // its bytes, and the payload's bytes are fewer than the token's characters.
    private static void ReadIdentity(ref Utf8JsonReader reader, scoped Span<char> text, bool isUserId, bool isJti, ref PayloadFields fields)
    {
        var start = fields.TextUsed;
        var isText = false;
        if (reader.TokenType == JsonTokenType.String)
        {
            fields.TextUsed += reader.CopyString(text[start..]);
            isText = fields.TextUsed > start;
        }

        if (isJti)
        {
            fields.HasJti = true;
            fields.JtiIsText = isText;
            fields.TokenId = start..fields.TextUsed;
        }

        if (!isUserId)
        {
            return;
        }

        if (!isText && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)
            && number.TryFormat(text[start..], out var written, provider: CultureInfo.InvariantCulture))
        {
            fields.TextUsed += written;
            isText = true;
        }

        fields.UserIdIsValid = isText;
        fields.UserId = start..fields.TextUsed;
    }

    // Steps over the value the reader is on, refusing (by throwing) strings and names whose escapes
    // are not valid UTF-16, as the reference does when it reads them.
    private static void SkipValue(ref Utf8JsonReader reader, scoped Span<byte> scratch)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            while (reader.Read() && reader.CurrentDepth > depth)
            {
                CheckEscapes(ref reader, scratch);
            }

            return;
        }

        CheckEscapes(ref reader, scratch);
    }

    private static void CheckEscapes(ref Utf8JsonReader reader, scoped Span<byte> scratch)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
        {
            _ = reader.CopyString(scratch);
        }
    }

    // Top-level names are kept unescaped, one after another; a name seen twice refuses the token,
    // because JsonWebToken and the claim rules might otherwise read different values of it.
    private static bool TryAddName(ref Utf8JsonReader reader, Span<byte> names, Span<int> ends, ref int count, ref int used, out ReadOnlySpan<byte> name)
    {
        var candidate = names.Slice(used, reader.CopyString(names[used..]));
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            if (candidate.SequenceEqual(names[start..ends[i]]))
            {
                name = default;
                return false;
            }

            start = ends[i];
        }

        used += candidate.Length;
        ends[count++] = used;
        name = candidate;
        return true;
    }

    private TokenFailure CheckClaims(in PayloadFields fields, long now, out HmacTokenClaims claims)
    {
        claims = default;
        if ((_audience is not null && !fields.AudienceMatches) || (_issuer is not null && !fields.IssuerMatches))
        {
            return TokenFailure.InvalidOrExpired;
        }

        // The same order as TokenValidator: PyJWT's time checks, then SimpleJWT's own.
        if (fields.Exp == ClaimPresence.Malformed || fields.Nbf == ClaimPresence.Malformed || fields.Iat == ClaimPresence.Malformed
            || (fields.Exp == ClaimPresence.Present && !TokenClaimRules.IsUnexpired(fields.ExpValue, now, _leeway))
            || (fields.Nbf == ClaimPresence.Present && !TokenClaimRules.IsNotInFuture(fields.NbfValue, now, _leeway))
            || (fields.Iat == ClaimPresence.Present && !TokenClaimRules.IsNotInFuture(fields.IatValue, now, _leeway)))
        {
            return TokenFailure.InvalidOrExpired;
        }

        if (fields.Exp == ClaimPresence.Absent)
        {
            return TokenFailure.NoExp;
        }

        if (!fields.HasJti)
        {
            return TokenFailure.NoId;
        }

        if (!fields.JtiIsText)
        {
            return TokenFailure.InvalidOrExpired;
        }

        if (!fields.HasType)
        {
            return TokenFailure.NoType;
        }

        if (fields.Type == TokenType.Unknown)
        {
            return TokenFailure.WrongType;
        }

        if ((fields.HasSessionId && !fields.SessionIdIsValid) || (fields.Type == TokenType.Sliding && fields.RefreshExp != ClaimPresence.Present))
        {
            return TokenFailure.InvalidOrExpired;
        }

        if (!fields.UserIdIsValid)
        {
            return TokenFailure.NoUserId;
        }

        claims = new HmacTokenClaims(
            fields.Type,
            fields.TokenId,
            fields.UserId,
            fields.SessionId,
            fields.ExpValue,
            fields.IatValue,
            fields.Type == TokenType.Sliding ? fields.RefreshExpValue : 0,
            fields.HasHostClaims);
        return TokenFailure.None;
    }

    /// <summary>What the payload said, gathered in one pass.</summary>
    private struct PayloadFields
    {
        public ClaimPresence Exp;
        public ClaimPresence Nbf;
        public ClaimPresence Iat;
        public ClaimPresence RefreshExp;
        public long ExpValue;
        public long NbfValue;
        public long IatValue;
        public long RefreshExpValue;
        public bool HasJti;
        public bool JtiIsText;
        public Range TokenId;
        public bool HasType;
        public TokenType Type;
        public bool HasSessionId;
        public bool SessionIdIsValid;
        public Guid SessionId;
        public bool UserIdIsValid;
        public Range UserId;
        public bool AudienceMatches;
        public bool IssuerMatches;
        public bool HasHostClaims;
        public int TextUsed;
    }
}
