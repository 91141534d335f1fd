namespace JwtAuth.Server.Accounts;

/// <summary>200 with a JSON body serialized beforehand (the <c>me</c> cache's), as <c>TypedResults.Ok</c> would have written it.</summary>
internal sealed class JsonBodyResult(byte[] body) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
