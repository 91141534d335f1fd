using JwtAuth.Authentication;
using JwtAuth.Endpoints;
using JwtAuth.Server.Data;
using JwtAuth.Server.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// Sign-in from Telegram (the Login Widget on a website, a Mini App's initData inside the bot),
/// answered as <c>/api/token/</c> and <c>/api/token/sliding/</c> answer, and the link between the
/// caller's account and their Telegram user.
/// </summary>
internal static class TelegramEndpoints
{
    /// <summary>Endpoint names, for the rate limits.</summary>
    public const string LoginWidgetName = "ServerTelegramLogin";
    public const string LoginWidgetSlidingName = "ServerTelegramLoginSliding";
    public const string MiniAppName = "ServerTelegramWebApp";
    public const string MiniAppSlidingName = "ServerTelegramWebAppSliding";

    private const string SignInDescription =
        "The payload must be signed by a bot of this server and fresh; each is accepted once (401 otherwise). A Telegram user with no linked "
        + "account is signed up when sign-up is on (409 if the name it would get is taken), else refused (401 telegram_not_linked).";

    public static RouteGroupBuilder MapTelegramEndpoints(this RouteGroupBuilder api)
    {
        var telegram = api.MapGroup("telegram").WithTags("Telegram");
        var anonymous = telegram.MapGroup("").AllowAnonymous().ProducesJwtAuthProblem(StatusCodes.Status409Conflict);
        anonymous.MapPost("login/", (HttpContext http, CancellationToken cancellationToken) =>
                SignInAsync(http, TelegramPayloadKind.LoginWidget, sliding: false, cancellationToken)).WithName(LoginWidgetName)
            .WithSummary("Sign in with the Telegram Login Widget: a refresh and an access token, as /api/token/ answers.")
            .WithDescription(SignInDescription)
            .AcceptsJwtAuthBody<TelegramLoginWidgetRequest>().ProducesJwtAuthTokens();
        anonymous.MapPost("login/sliding/", (HttpContext http, CancellationToken cancellationToken) =>
                SignInAsync(http, TelegramPayloadKind.LoginWidget, sliding: true, cancellationToken)).WithName(LoginWidgetSlidingName)
            .WithSummary("Sign in with the Telegram Login Widget: a sliding token, as /api/token/sliding/ answers.")
            .WithDescription(SignInDescription)
            .AcceptsJwtAuthBody<TelegramLoginWidgetRequest>().ProducesJwtAuthTokens(sliding: true);
        anonymous.MapPost("webapp/", (HttpContext http, CancellationToken cancellationToken) =>
                SignInAsync(http, TelegramPayloadKind.MiniApp, sliding: false, cancellationToken)).WithName(MiniAppName)
            .WithSummary("Sign in from a Telegram Mini App: a refresh and an access token, as /api/token/ answers.")
            .WithDescription(SignInDescription)
            .AcceptsJwtAuthBody<TelegramMiniAppRequest>().ProducesJwtAuthTokens();
        anonymous.MapPost("webapp/sliding/", (HttpContext http, CancellationToken cancellationToken) =>
                SignInAsync(http, TelegramPayloadKind.MiniApp, sliding: true, cancellationToken)).WithName(MiniAppSlidingName)
            .WithSummary("Sign in from a Telegram Mini App: a sliding token, as /api/token/sliding/ answers.")
            .WithDescription(SignInDescription)
            .AcceptsJwtAuthBody<TelegramMiniAppRequest>().ProducesJwtAuthTokens(sliding: true);

        var link = telegram.MapGroup("link/").RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtAuthDefaults.AuthenticationScheme })
            .ProducesJwtAuthProblem(StatusCodes.Status401Unauthorized);
        link.MapGet("", GetLinkAsync)
            .WithSummary("The Telegram user linked to the caller's account; 404 when there is none.")
            .Produces<TelegramLinkResponse>().ProducesJwtAuthProblem(StatusCodes.Status404NotFound);
        link.MapPost("", LinkAsync)
            .WithSummary("Links the Telegram user of a Login Widget payload (or of a Mini App's `{\"init_data\"}`) to the caller's account.")
            .AcceptsJwtAuthBody<TelegramLoginWidgetRequest>().Produces<TelegramLinkResponse>()
            .ProducesJwtAuthProblem(StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict);
        link.MapDelete("", UnlinkAsync)
            .WithSummary("Removes the link, unless Telegram is the account's only way to sign in (409).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesJwtAuthProblem(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return telegram;
    }

    /// <summary>Verifies the payload, finds (or creates) the linked account, and opens a session recorded as a Telegram one.</summary>
    private static async Task<IResult> SignInAsync(HttpContext http, TelegramPayloadKind kind, bool sliding, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var (identity, refusal) = await services.GetRequiredService<TelegramVerifier>().VerifyAsync(http.Request, kind, cancellationToken);
        if (identity is null)
        {
            return refusal!;
        }

        var (userId, notFound) = await services.GetRequiredService<TelegramAccounts>().FindOrSignUpAsync(identity, cancellationToken);
        if (userId is null)
        {
            return notFound!;
        }

        return await JwtAuthSignIn.IssueTokensAsync(http, userId, identity.SignInMethod, sliding, cancellationToken);
    }

    private static async Task<IResult> GetLinkAsync(HttpContext http, UserManager<ServerUser> users, TelegramAccounts accounts)
    {
        if (await users.FindByIdAsync(http.User.GetUserId()) is not { } user)
        {
            return ServerProblems.UserNotFound();
        }

        return await accounts.LinkedTelegramUserAsync(user) is { } telegramUserId ? TelegramAccounts.Linked(telegramUserId) : TelegramProblems.NoLink();
    }

    /// <summary>Links the Telegram user of a Login Widget payload, or of a Mini App's <c>init_data</c>, to the caller's account.</summary>
    private static async Task<IResult> LinkAsync(HttpContext http, UserManager<ServerUser> users, TelegramVerifier verifier, TelegramAccounts accounts, CancellationToken cancellationToken)
    {
        var (identity, refusal) = await verifier.VerifyAsync(http.Request, kind: null, cancellationToken);
        if (identity is null)
        {
            return refusal!;
        }

        return await users.FindByIdAsync(http.User.GetUserId()) is { } user ? await accounts.LinkAsync(user, identity) : ServerProblems.UserNotFound();
    }

    private static async Task<IResult> UnlinkAsync(HttpContext http, UserManager<ServerUser> users, TelegramAccounts accounts) =>
        await users.FindByIdAsync(http.User.GetUserId()) is { } user ? await accounts.UnlinkAsync(user) : ServerProblems.UserNotFound();
}
