using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>
/// The test server gives every request the same (unknown) client address; this lets a test say where
/// a request comes from, with a header read before anything else in the pipeline, so that limits
/// per address can be tried from several addresses.
/// </summary>
public static class TestClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>For <see cref="TestServerHost.StartAsync"/>'s <c>services</c>.</summary>
    public static void Add(IServiceCollection services) => services.AddTransient<IStartupFilter, AddressFromHeader>();

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient CreateClient(this TestServerHost host, string address)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    /// <summary>A POST whose answer keeps its headers (for <c>Retry-After</c>).</summary>
    public static async Task<(ApiResponse Response, HttpResponseHeaders Headers)> PostWithHeadersAsync(this HttpClient client, string path, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (new ApiResponse(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, ""), response.Headers);
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
