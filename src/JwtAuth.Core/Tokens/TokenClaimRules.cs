using System.Globalization;
using System.Text.Json;

namespace JwtAuth.Tokens;

/// <summary>
/// SimpleJWT's (PyJWT's) rules for the time and identity claims, in one place so that every
/// validator applies the same ones.
/// </summary>
internal static class TokenClaimRules
{
    /// <summary>PyJWT: a token is expired when <c>exp &lt;= now - leeway</c>, so <c>exp == now</c> is expired.</summary>
    public static bool IsUnexpired(long exp, long now, long leeway) => exp > now - leeway;

    /// <summary>PyJWT: <c>nbf</c> and <c>iat</c> may not lie beyond <c>now + leeway</c>.</summary>
    public static bool IsNotInFuture(long value, long now, long leeway) => value <= now + leeway;

    /// <summary>Reads an integer epoch claim.</summary>
    public static ClaimPresence ReadEpoch(JsonElement payload, string claim, out long value)
    {
        value = 0;
        if (!payload.TryGetProperty(claim, out var element))
        {
            return ClaimPresence.Absent;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value)
            ? ClaimPresence.Present
            : ClaimPresence.Malformed;
    }

    /// <summary>
    /// The <c>sid</c> claim: absent (a SimpleJWT token, <see cref="Guid.Empty"/>) or 32 lowercase hex digits.
    /// </summary>
    public static bool TryReadSessionId(JsonElement payload, out Guid sessionId)
    {
        sessionId = Guid.Empty;
        if (!payload.TryGetProperty(JwtAuthClaimNames.SessionId, out var element))
        {
            return true;
        }

        return element.ValueKind == JsonValueKind.String && JwtAuthIds.TryParse(element.GetString(), out sessionId);
    }

    /// <summary>The user id: a non-empty string, or an integer (SimpleJWT's default) taken as its decimal text.</summary>
    public static bool TryReadUserId(JsonElement payload, string claim, out string userId)
    {
        userId = string.Empty;
        if (!payload.TryGetProperty(claim, out var element))
        {
            return false;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() is { Length: > 0 } text:
                userId = text;
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                userId = number.ToString(CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Whether a claim is there and well-formed.</summary>
internal enum ClaimPresence
{
    Absent,
    Present,
    Malformed,
}
