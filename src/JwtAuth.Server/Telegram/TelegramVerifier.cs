using System.Text.Json;
using JwtAuth.Endpoints;
using JwtAuth.Problems;
using JwtAuth.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// The one path every Telegram payload takes, in this order: read it strictly (400), find the bot
/// whose key signed it (401 <c>telegram_bad_signature</c>), check <c>auth_date</c> against
/// <see cref="TelegramOptions.MaxAge"/> (401 <c>telegram_expired</c>), and accept it once (401
/// <c>telegram_replayed</c>). Only a payload that passed the signature check reaches the replay cache.
/// </summary>
internal sealed class TelegramVerifier(
    TelegramBots bots,
    TelegramReplayGuard replays,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramVerifier> logger)
{
    /// <summary>How far ahead of this server's clock an <c>auth_date</c> may be (Telegram's clock is not ours).</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads and verifies the request's payload: of <paramref name="kind"/>, or when null a Mini
    /// App's if the body has <c>init_data</c> and the Login Widget's otherwise.
    /// </summary>
    public async Task<(TelegramIdentity? Identity, IResult? Refusal)> VerifyAsync(HttpRequest request, TelegramPayloadKind? kind, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(request, cancellationToken);
        if (body.Error is { } error)
        {
            return (null, error);
        }

        JsonElement? root = body.TryGetObject(out var element) ? element : null;
        kind ??= root?.TryGetProperty(TelegramPayload.InitDataField, out _) == true ? TelegramPayloadKind.MiniApp : TelegramPayloadKind.LoginWidget;
        var errors = new Dictionary<string, string[]>();
        var payload = kind == TelegramPayloadKind.MiniApp
            ? body.RequiredString(TelegramPayload.InitDataField, errors) is { } initData ? TelegramPayload.FromMiniAppInitData(initData, errors) : null
            : TelegramPayload.FromLoginWidget(root, errors);
        if (payload is null)
        {
            return (null, JwtAuthProblems.Validation(errors));
        }

        if (bots.FindSigner(payload.Kind, payload.DataCheckString, payload.Hash) is not { } botId)
        {
            TelegramLog.BadSignature(logger, payload.Kind);
            return (null, TelegramProblems.BadSignature());
        }

        if (Refusal(payload) is { } refusal)
        {
            TelegramLog.Refused(logger, payload.Kind, payload.UserId, botId, refusal.ProblemDetails.Extensions[JwtAuthProblems.CodeKey] as string ?? "");
            return (null, refusal);
        }

        return (new TelegramIdentity(payload.UserId, botId, payload.Kind), null);
    }

    /// <summary>Why a well-signed payload is still refused (too old, from the future, used), or null.</summary>
    private ProblemHttpResult? Refusal(TelegramPayload payload)
    {
        var now = time.GetUtcNow();
        var authDate = DateTimeOffset.FromUnixTimeSeconds(payload.AuthDate);
        var maxAge = options.Value.MaxAge;
        if (authDate > now + ClockSkew)
        {
            return TelegramProblems.FromTheFuture();
        }

        if (now - authDate > maxAge)
        {
            return TelegramProblems.Expired();
        }

        // Remembered one second past the last instant the freshness check accepts it.
        switch (replays.TryUse(payload.Hash, authDate + maxAge + TimeSpan.FromSeconds(1)))
        {
            case ReplayCheck.First:
                return null;
            case ReplayCheck.Replayed:
                return TelegramProblems.Replayed();
            default:
                TelegramLog.ReplayCacheFull(logger);
                return ServerProblems.Busy();
        }
    }
}
