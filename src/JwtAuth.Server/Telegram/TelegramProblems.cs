using JwtAuth.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JwtAuth.Server.Telegram;

/// <summary>The Telegram endpoints' refusals: one code and text each.</summary>
internal static class TelegramProblems
{
    public const string BadSignatureCode = "telegram_bad_signature";
    public const string ExpiredCode = "telegram_expired";
    public const string ReplayedCode = "telegram_replayed";
    public const string NotLinkedCode = "telegram_not_linked";
    public const string AlreadyLinkedCode = "telegram_already_linked";
    public const string OnlySignInCode = "telegram_only_sign_in";

    /// <summary>No configured bot's key gives this hash: forged, altered, or signed for another bot.</summary>
    public static ProblemHttpResult BadSignature() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "The Telegram data is not signed by a bot of this server.", BadSignatureCode);

    public static ProblemHttpResult Expired() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "The Telegram data is too old (auth_date); sign in with Telegram again.", ExpiredCode);

    public static ProblemHttpResult FromTheFuture() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "The Telegram data's auth_date is in the future.", ExpiredCode);

    public static ProblemHttpResult Replayed() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "This Telegram sign-in data was already used; sign in with Telegram again.", ReplayedCode);

    public static ProblemHttpResult NotLinked() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, "No account is linked to this Telegram user; sign in another way and link Telegram first.", NotLinkedCode);

    public static ProblemHttpResult LinkedToAnotherAccount() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, "This Telegram user is linked to another account.", AlreadyLinkedCode);

    public static ProblemHttpResult AnotherTelegramLinked() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, "Another Telegram user is linked to this account; unlink it first.", AlreadyLinkedCode);

    public static ProblemHttpResult NameTaken() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, "The account for this Telegram user could not be created: its user name is taken.", AlreadyLinkedCode);

    /// <summary>Unlinking would leave the account with no way to sign in.</summary>
    public static ProblemHttpResult OnlySignIn() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, "Telegram is this account's only way to sign in; set a password before unlinking it.", OnlySignInCode);

    public static ProblemHttpResult NoLink() =>
        JwtAuthProblems.Problem(StatusCodes.Status404NotFound, "No Telegram user is linked to this account.", JwtAuthErrorCodes.NotFound);
}
