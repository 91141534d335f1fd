using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace JwtAuth.Fuzz;

/// <summary>A case and what became of it.</summary>
internal sealed record Result(FuzzCase Case, Outcome? Outcome, string? Failure)
{
    public bool Sent => Outcome is not null;
}

/// <summary>
/// Sends cases with bounded parallelism before a deadline and checks each answer: never a 5xx,
/// never a 2xx for a token that must be refused, a 2xx for every control, and an answer to every
/// well-framed request.
/// </summary>
internal sealed class Runner(Uri baseUri, HttpClient client, SecondUserSession secondUser)
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(20);

    public async Task<List<Result>> RunAsync(IReadOnlyList<FuzzCase> cases, int parallelism, DateTimeOffset deadline)
    {
        var results = new Result[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (index, _) =>
        {
            var fuzzCase = cases[index];
            if (DateTimeOffset.UtcNow >= deadline)
            {
                results[index] = new Result(fuzzCase, null, "not sent: the time limit was reached");
                return;
            }

            Outcome outcome;
            using var timeout = new CancellationTokenSource(HttpTimeout + TimeSpan.FromSeconds(10));
            try
            {
                outcome = fuzzCase.Http is { } http
                    ? await SendAsync(http, timeout.Token)
                    : await SendRawAsync(fuzzCase.Raw!, timeout.Token);
            }
            catch (Exception exception)
            {
                outcome = Outcome.Failed($"{exception.GetType().Name}: {exception.GetBaseException().Message}");
            }

            results[index] = new Result(fuzzCase, outcome, Check(fuzzCase, outcome));
        });
        return [.. results];
    }

    /// <summary>Why the answer fails the checks, or null.</summary>
    public static string? Check(FuzzCase fuzzCase, Outcome outcome)
    {
        if (outcome.Statuses.FirstOrDefault(s => s >= 500) is var serverError and > 0)
        {
            return $"answered {serverError}: a server error";
        }

        if (outcome.Statuses.Contains(0))
        {
            return "answered something that is not HTTP";
        }

        var min = fuzzCase.Raw?.MinResponses ?? (fuzzCase.CloseAllowed ? 0 : 1);
        if (outcome.Statuses.Count < min)
        {
            return $"no answer to a well-framed request ({outcome.Error ?? "closed"})";
        }

        return fuzzCase.Expect switch
        {
            Expect.Refused when outcome.Statuses.Any(s => s is >= 200 and < 300) => $"answered {outcome.Statuses.First(s => s is >= 200 and < 300)}: an accepted forgery",
            Expect.Accepted when outcome.Status is not (>= 200 and < 300) => $"answered {Describe(outcome)}: a genuine token was refused",
            _ => null,
        };
    }

    private static string Describe(Outcome outcome) => outcome.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? outcome.Error ?? "nothing";

    private async Task<Outcome> SendAsync(HttpSpec spec, CancellationToken cancellationToken)
    {
        var (outcome, bearer) = await SendOnceAsync(spec, cancellationToken);
        if (bearer is not null && outcome.Status == 401)
        {
            // The second user's session was ended by an earlier request (or a forgery accepted on it):
            // log in again and send once more, so the request reaches what it was meant to test.
            secondUser.Ended(bearer);
            (outcome, _) = await SendOnceAsync(spec, cancellationToken);
        }

        return outcome;
    }

    private async Task<(Outcome Outcome, string? Bearer)> SendOnceAsync(HttpSpec spec, CancellationToken cancellationToken)
    {
        string? bearer = null;
        using var request = new HttpRequestMessage(new HttpMethod(spec.Method), new Uri(baseUri, spec.Path))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (spec.Bearer == BearerSource.SecondUser)
        {
            bearer = await secondUser.AccessTokenAsync(cancellationToken);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        if (spec.Body is not null || spec.ContentType is not null)
        {
            request.Content = new ByteArrayContent(spec.Body ?? []);
            if (spec.ContentType is not null && !request.Content.Headers.TryAddWithoutValidation("Content-Type", spec.ContentType))
            {
                throw new InvalidOperationException("HttpClient refused the content type " + spec.ContentType);
            }
        }

        foreach (var (name, value) in spec.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HttpTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (HttpRequestException exception)
        {
            return (Outcome.Failed("no answer: " + exception.GetBaseException().Message), bearer);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Outcome.Failed($"no answer within {HttpTimeout.TotalSeconds} s"), bearer);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (bearer is not null && status is >= 200 and < 300 && spec.Method == "POST" && PostEndpoint.All.Any(e => e.Path == spec.Path && e.EndsBearerSession))
            {
                secondUser.Ended(bearer);
            }

            return (new Outcome([status], null, Excerpt(response, text)), bearer);
        }
    }

    private async Task<Outcome> SendRawAsync(RawScript script, CancellationToken cancellationToken)
    {
        if (script.Bearer == BearerSource.SecondUser)
        {
            var bearer = Encoding.ASCII.GetBytes(await secondUser.AccessTokenAsync(cancellationToken));
            var marker = Encoding.ASCII.GetBytes(RawScript.BearerMarker);
            script = script with
            {
                Steps = script.Steps.Select(step => step.Send is null ? step : step with { Send = Replace(step.Send, marker, bearer) }).ToList(),
            };
        }

        return await RawHttp.ExchangeAsync(baseUri, script, cancellationToken);
    }

    private static byte[] Replace(byte[] data, byte[] marker, byte[] value)
    {
        var at = data.AsSpan().IndexOf(marker);
        return at < 0 ? data : [.. data.AsSpan(0, at), .. value, .. data.AsSpan(at + marker.Length)];
    }

    private static string Excerpt(HttpResponseMessage response, string body)
    {
        var text = new StringBuilder();
        text.Append("HTTP/").Append(response.Version).Append(' ').Append((int)response.StatusCode).Append(' ').AppendLine(response.ReasonPhrase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            text.Append(name).Append(": ").AppendLine(string.Join(", ", values));
        }

        return text.AppendLine().Append(Printable.Text(body, 1500)).ToString();
    }
}

/// <summary>
/// The second user's session for requests that need a genuine bearer to reach the body: renewed by
/// logging in again after a request ended it (logout, logout/all). Logins are counted apart.
/// </summary>
internal sealed class SecondUserSession(Uri baseUri, HttpClient client, Genuine genuine) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _access = genuine.Access2;
    private int _logins;
    private readonly ConcurrentQueue<string> _failures = new();

    public int Logins => _logins;

    public void Dispose() => _lock.Dispose();

    public IReadOnlyCollection<string> Failures => _failures;

    public void Ended(string access) => Interlocked.CompareExchange(ref _access, null, access);

    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _access) is { } current)
        {
            return current;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_access is { } renewed)
            {
                return renewed;
            }

            Interlocked.Increment(ref _logins);
            var (session, error) = await TryLogInAsync(baseUri, client, genuine, "jwtauth-fuzz", cancellationToken);
            if (session is null)
            {
                _failures.Enqueue("logging the second user in again: " + error);
                // Carry on with a token that will be refused (those requests still test the server), without logging in again each time.
                _access = "not-a-session";
                return _access;
            }

            _access = session.Value.Access;
            return _access;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A new session of the second user, or null.</summary>
    public static async Task<(string Access, string Refresh)?> LogInAsync(Uri baseUri, HttpClient client, Genuine genuine, string userAgent) =>
        (await TryLogInAsync(baseUri, client, genuine, userAgent, CancellationToken.None)).Session;

    private static async Task<((string Access, string Refresh)? Session, string? Error)> TryLogInAsync(
        Uri baseUri, HttpClient client, Genuine genuine, string userAgent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/api/token/"))
        {
            Content = new ByteArrayContent(JsonText.Utf8(JsonText.Object([("username", JsonText.Quote(genuine.User2)), ("password", JsonText.Quote(genuine.Password2))]))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"answered {(int)response.StatusCode}: {Printable.Text(text, 300)}");
        }

        using var json = JsonDocument.Parse(text);
        return ((json.RootElement.GetProperty("access").GetString()!, json.RootElement.GetProperty("refresh").GetString()!), null);
    }
}
