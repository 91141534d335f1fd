using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using JwtAuth.Revocation;
using Microsoft.Extensions.Options;

namespace JwtAuth.Validation.Feed;

/// <summary>
/// Calls the server's revocation feed with the service's credentials: a read past an id (what the
/// catch-up asks of a log), and a long poll that returns once there is something past an id.
/// </summary>
internal sealed class RevocationFeedClient
{
    /// <summary>How long a call may take beyond the server's wait: a server or network that stalls counts as out of reach.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly Uri _feed;
    private readonly AuthenticationHeaderValue _credentials;

    public RevocationFeedClient(IHttpClientFactory clients, IOptions<JwtAuthValidationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var settings = options.Value;
        _http = clients.CreateClient(JwtAuthValidationDefaults.HttpClientName);
        // Each call has its own bound (GetAsync): a read must fail fast, a held request must not be cut short.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _feed = new Uri(settings.Authority!.ToString().TrimEnd('/') + settings.FeedPath);
        // RFC 6749 §2.3.1: name and secret are form-encoded before they are joined.
        var pair = Uri.EscapeDataString(settings.ServiceName!) + ":" + Uri.EscapeDataString(settings.ServiceSecret!);
        _credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        WaitSeconds = (int)Math.Ceiling(settings.FeedWait.TotalSeconds);
    }

    private int WaitSeconds { get; }

    /// <summary>Up to <paramref name="max"/> entries with an id above <paramref name="afterId"/>, by id.</summary>
    public async Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        var page = await GetAsync(afterId, max, wait: 0, cancellationToken).ConfigureAwait(false);
        var entries = new RevocationEntry[page.Entries.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = page.Entries[i].ToEntry();
        }

        return entries;
    }

    /// <summary>
    /// Returns once the feed holds an entry above <paramref name="afterId"/> (true) or the server's
    /// wait is over with none (false: nothing new up to the answer).
    /// </summary>
    public async Task<bool> WaitAsync(long afterId, CancellationToken cancellationToken)
    {
        var page = await GetAsync(afterId, 1, WaitSeconds, cancellationToken).ConfigureAwait(false);
        return page.Entries.Count > 0;
    }

    private async Task<RevocationFeedPage> GetAsync(long afterId, int max, int wait, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?after={afterId}&limit={max}&wait={wait}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_feed, query));
        request.Headers.Authorization = _credentials;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(wait) + CallTimeout);
        using var response = await _http.SendAsync(request, bound.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The revocation feed answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<RevocationFeedPage>(bound.Token).ConfigureAwait(false)
            ?? throw new HttpRequestException("The revocation feed answered null.");
    }
}
