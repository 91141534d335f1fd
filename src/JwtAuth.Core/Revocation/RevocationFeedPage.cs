using System.Text.Json.Serialization;

namespace JwtAuth.Revocation;

/// <summary>
/// One answer of the revocation feed: log entries by increasing id, every kind (a resource server's
/// catch-up takes a missing id for a gap, so none may be left out).
/// </summary>
internal sealed record RevocationFeedPage([property: JsonPropertyName("entries")] IReadOnlyList<RevocationFeedEntry> Entries)
{
    public static RevocationFeedPage From(IReadOnlyList<RevocationEntry> entries)
    {
        var page = new RevocationFeedEntry[entries.Count];
        for (var i = 0; i < page.Length; i++)
        {
            var entry = entries[i];
            page[i] = new RevocationFeedEntry(entry.Id, (int)entry.Kind, entry.Subject, entry.NotBefore, entry.ExpiresAt);
        }

        return new RevocationFeedPage(page);
    }
}

/// <summary>A <see cref="RevocationEntry"/> on the wire; <c>kind</c> is <see cref="RevocationKind"/>'s number.</summary>
internal sealed record RevocationFeedEntry(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] int Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("not_before")] long NotBefore,
    [property: JsonPropertyName("expires_at")] long ExpiresAt)
{
    public RevocationEntry ToEntry() => new(Id, (RevocationKind)Kind, Subject, NotBefore, ExpiresAt);
}
