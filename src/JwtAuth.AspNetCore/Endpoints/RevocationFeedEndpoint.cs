using System.Globalization;
using JwtAuth.Problems;
using JwtAuth.Revocation;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;

namespace JwtAuth.Endpoints;

/// <summary>
/// <c>GET revocations/?after=&amp;limit=&amp;wait=</c>: the revocation log past an id, for services
/// that keep a registry of their own. It is the read a server node's catch-up makes, so a reader
/// that follows it with <see cref="RevocationCatchUp"/> has the nodes' gap rules. With <c>wait</c>
/// (seconds) and nothing past <c>after</c>, the request is held until this node applies an entry or
/// the wait is over (a long poll); an empty page then says "nothing new past <c>after</c>", and that
/// the server is reachable.
/// </summary>
internal static class RevocationFeedEndpoint
{
    /// <summary>The longest a request may be held, in seconds: below common proxies' idle timeouts.</summary>
    public const int MaxWaitSeconds = 55;

    public static async Task<IResult> GetAsync(
        HttpContext http,
        ISessionStore store,
        RevocationRegistry registry,
        TokenServices tokens,
        CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (!TryRead(query["after"], 0, 0, long.MaxValue, out var after)
            || !TryRead(query["limit"], RevocationCatchUp.BatchSize, 1, RevocationCatchUp.BatchSize, out var limit)
            || !TryRead(query["wait"], 0, 0, MaxWaitSeconds, out var wait))
        {
            return JwtAuthProblems.Problem(
                StatusCodes.Status400BadRequest,
                JwtAuthMessages.Translations.Format(JwtAuthMessages.RevocationFeedQueryInvalid, RevocationCatchUp.BatchSize, MaxWaitSeconds),
                JwtAuthErrorCodes.Invalid);
        }

        // Taken before the read: an entry applied between the read and the wait ends the wait.
        var applied = registry.WhenApplied;
        var entries = await store.ReadRevocationsAsync(after, (int)limit, cancellationToken).ConfigureAwait(false);
        if (entries.Count > 0 || wait == 0)
        {
            return TypedResults.Ok(RevocationFeedPage.From(entries));
        }

        try
        {
            await applied.WaitAsync(TimeSpan.FromSeconds(wait), tokens.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing was applied here during the wait: the page below is empty unless a write raced it.
        }

        // Answered even when empty: an entry applied here may fill a gap below `after`, which the
        // reader only re-reads when it starts its next round.
        entries = await store.ReadRevocationsAsync(after, (int)limit, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(RevocationFeedPage.From(entries));
    }

    private static bool TryRead(string? text, long absent, long min, long max, out long value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = absent;
            return true;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
