using System.Diagnostics;
using JwtAuth.Authentication;
using JwtAuth.Diagnostics;
using JwtAuth.Problems;
using JwtAuth.Sessions;
using JwtAuth.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace JwtAuth.Endpoints;

/// <summary>
/// What every JwtAuth endpoint call goes through, in one filter rather than three because each
/// filter is an extra async frame on the verify and token paths: the call's activity, the 503 of an
/// unreachable store, and the <c>WWW-Authenticate</c> challenge on a 401 the endpoint answers.
/// </summary>
internal static class EndpointCallFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // The name lookup is skipped with no listener: an untraced host pays nothing for tracing.
        using var activity = JwtAuthActivities.Source.HasListeners() ? JwtAuthActivities.Source.StartActivity(EndpointName(http)) : null;
        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch (SessionStoreUnavailableException)
        {
            http.RequestServices.GetRequiredService<JwtAuthMetrics>().DatabaseUnavailable(EndpointName(http));
            result = JwtAuthProblems.Unavailable();
        }

        if (result is IStatusCodeHttpResult { StatusCode: { } status })
        {
            if (status == StatusCodes.Status401Unauthorized && !http.Response.Headers.ContainsKey(HeaderNames.WWWAuthenticate))
            {
                // DRF's challenge on a 401 the view answers (wrong credentials, a bad token sent to a
                // token endpoint); the handler's own 401 keeps the header it set.
                http.Response.Headers[HeaderNames.WWWAuthenticate] = BearerChallenge.Of(http.RequestServices.GetRequiredService<TokenServices>().Options);
            }

            if (activity is not null)
            {
                Trace(activity, status, result);
            }
        }

        return result;
    }

    private static void Trace(Activity activity, int status, object result)
    {
        activity.SetTag("http.response.status_code", status);
        if (status >= StatusCodes.Status400BadRequest)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            if (result is ProblemHttpResult problem && problem.ProblemDetails.Extensions.TryGetValue(JwtAuthProblems.CodeKey, out var code))
            {
                activity.SetTag("jwtauth.code", code);
            }
        }
    }

    private static string EndpointName(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? JwtAuthActivities.SourceName;
}
