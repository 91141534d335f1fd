using System.ComponentModel;
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

    // Bound as text, not numbers, so that a value out of range and one that is no number get the same answer.
    public static async Task<IResult> GetAsync(
        [Description("The last entry id the caller has (0 or absent: from the start).")] string? after,
        [Description("At most this many entries, from 1 (absent: as many as a page holds).")] string? limit,
        [Description("Seconds to hold the request while nothing is past `after`, up to a bound below common proxies' idle timeouts (absent or 0: answer at once).")] string? wait,
        ISessionStore store,
        RevocationRegistry registry,
        TokenServices tokens,
        CancellationToken cancellationToken)
    {
        if (!TryRead(after, 0, 0, long.MaxValue, out var afterId)
            || !TryRead(limit, RevocationCatchUp.BatchSize, 1, RevocationCatchUp.BatchSize, out var count)
            || !TryRead(wait, 0, 0, MaxWaitSeconds, out var waitSeconds))
        {
            return JwtAuthProblems.Problem(
                StatusCodes.Status400BadRequest,
                JwtAuthMessages.Translations.Format(JwtAuthMessages.RevocationFeedQueryInvalid, RevocationCatchUp.BatchSize, MaxWaitSeconds),
                JwtAuthErrorCodes.Invalid);
        }

        // Taken before the read: an entry applied between the read and the wait ends the wait.
        var applied = registry.WhenApplied;
        var entries = await store.ReadRevocationsAsync(afterId, (int)count, cancellationToken).ConfigureAwait(false);
        if (entries.Count > 0 || waitSeconds == 0)
        {
            return TypedResults.Ok(RevocationFeedPage.From(entries));
        }

        try
        {
            await applied.WaitAsync(TimeSpan.FromSeconds(waitSeconds), tokens.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing was applied here during the wait: the page below is empty unless a write raced it.
        }

        // Answered even when empty: an entry applied here may fill a gap below `after`, which the
        // reader only re-reads when it starts its next round.
        entries = await store.ReadRevocationsAsync(afterId, (int)count, cancellationToken).ConfigureAwait(false);
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
