using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace JwtAuth.Server.Tests.Infrastructure;

/// <summary>Requests the way SimpleJWT clients send them, and their answers read as JSON.</summary>
public static class HttpClientJwtExtensions
{
    public static async Task<ApiResponse> PostJsonAsync(this HttpClient client, string path, object? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await SendAsync(client, request, bearer);
    }

    public static async Task<ApiResponse> PostRawAsync(this HttpClient client, string path, string body, string? contentType, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return await SendAsync(client, request, bearer);
    }

    public static async Task<ApiResponse> GetAsync(this HttpClient client, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(client, request, bearer);
    }

    public static async Task<ApiResponse> SendAsync(this HttpClient client, HttpRequestMessage request, string? bearer, string? rawAuthorization = null)
    {
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (rawAuthorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", rawAuthorization);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response.Headers.WwwAuthenticate.ToString());
    }
}

/// <summary>A response, read.</summary>
public sealed record ApiResponse(HttpStatusCode Status, string Body, string? ContentType, string WwwAuthenticate)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Detail => Json.TryGetProperty("detail", out var d) ? d.GetString() : null;

    public string? Code => Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    /// <summary>A string field, or a number as its text (a numeric user id).</summary>
    public string Field(string name) => Json.GetProperty(name) is { ValueKind: JsonValueKind.Number } number ? number.GetRawText() : Json.GetProperty(name).GetString()!;

    public override string ToString() => $"{(int)Status} {Body}";
}
