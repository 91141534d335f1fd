using JwtAuth.Problems;
using JwtAuth.Server.Problems;
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
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.TelegramBadSignature), BadSignatureCode);

    public static ProblemHttpResult Expired() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.TelegramExpired), ExpiredCode);

    public static ProblemHttpResult FromTheFuture() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.TelegramFromTheFuture), ExpiredCode);

    public static ProblemHttpResult Replayed() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.TelegramReplayed), ReplayedCode);

    public static ProblemHttpResult NotLinked() =>
        JwtAuthProblems.Problem(StatusCodes.Status401Unauthorized, ServerMessages.Translations.Translate(ServerMessages.TelegramNotLinked), NotLinkedCode);

    public static ProblemHttpResult LinkedToAnotherAccount() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, ServerMessages.Translations.Translate(ServerMessages.TelegramLinkedToAnotherAccount), AlreadyLinkedCode);

    public static ProblemHttpResult AnotherTelegramLinked() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, ServerMessages.Translations.Translate(ServerMessages.TelegramAnotherLinked), AlreadyLinkedCode);

    public static ProblemHttpResult NameTaken() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, ServerMessages.Translations.Translate(ServerMessages.TelegramNameTaken), AlreadyLinkedCode);

    /// <summary>Unlinking would leave the account with no way to sign in.</summary>
    public static ProblemHttpResult OnlySignIn() =>
        JwtAuthProblems.Problem(StatusCodes.Status409Conflict, ServerMessages.Translations.Translate(ServerMessages.TelegramOnlySignIn), OnlySignInCode);

    public static ProblemHttpResult NoLink() =>
        JwtAuthProblems.Problem(StatusCodes.Status404NotFound, ServerMessages.Translations.Translate(ServerMessages.TelegramNoLink), JwtAuthErrorCodes.NotFound);
}
