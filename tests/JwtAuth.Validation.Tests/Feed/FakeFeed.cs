using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JwtAuth.Revocation;
using Microsoft.AspNetCore.WebUtilities;

namespace JwtAuth.Validation.Tests.Feed;

/// <summary>
/// The server's revocation feed as the resource server's HTTP client sees it, in memory: reads past
/// an id, long polls held until an entry is added or their wait has passed on the test's clock,
/// and an outage a test switches on and off.
/// </summary>
internal sealed class FakeFeed(TimeProvider time) : HttpMessageHandler
{
    private readonly List<RevocationEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _down;
    private int _longPolls;

    /// <summary>While true, every call fails as a lost connection does, held long polls too.</summary>
    public bool Down
    {
        get => _down;
        set
        {
            _down = value;
            Changed();
        }
    }

    /// <summary>How many requests asked the feed to hold them open (a long poll).</summary>
    public int LongPolls => _longPolls;

    /// <summary>Adds an entry to the log; held long polls return.</summary>
    public void Add(RevocationEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            _entries.Sort((a, b) => a.Id.CompareTo(b.Id));
        }

        Changed();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = QueryHelpers.ParseQuery(request.RequestUri!.Query);
        var after = long.Parse(query["after"]!, CultureInfo.InvariantCulture);
        var limit = int.Parse(query["limit"]!, CultureInfo.InvariantCulture);
        var wait = int.Parse(query["wait"]!, CultureInfo.InvariantCulture);
        if (wait > 0)
        {
            Interlocked.Increment(ref _longPolls);
        }

        var changed = _changed.Task;
        var page = Page(after, limit);
        if (page.Entries.Count == 0 && wait > 0)
        {
            try
            {
                await changed.WaitAsync(TimeSpan.FromSeconds(wait), time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The wait is over with nothing new, as on the server.
            }

            page = Page(after, limit);
        }

        if (_down)
        {
            throw new HttpRequestException("Connection refused (fake feed down).");
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(page) };
    }

    private RevocationFeedPage Page(long after, int limit)
    {
        lock (_entries)
        {
            return RevocationFeedPage.From(_entries.Where(entry => entry.Id > after).Take(limit).ToList());
        }
    }

    private void Changed() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
