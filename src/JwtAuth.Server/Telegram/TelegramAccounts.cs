using JwtAuth.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JwtAuth.Server.Telegram;

/// <summary>
/// Telegram identities as Identity external logins (provider <c>Telegram</c>, key the Telegram user
/// id): the account a sign-in reaches, the sign-up <see cref="TelegramOptions.AllowSignUp"/>
/// allows, and linking and unlinking from a signed-in session. One Telegram user reaches at most
/// one account and an account has at most one Telegram user.
/// </summary>
internal sealed class TelegramAccounts(
    UserManager<ServerUser> users,
    ServerDbContext db,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramAccounts> logger)
{
    /// <summary>The id of the account linked to the Telegram user (created first if sign-up is allowed), or the refusal.</summary>
    public async Task<(string? UserId, IResult? Refusal)> FindOrSignUpAsync(TelegramIdentity identity, CancellationToken cancellationToken)
    {
        var user = await users.FindByLoginAsync(TelegramIdentity.LoginProvider, identity.ProviderKey);
        if (user is not null)
        {
            TelegramLog.SigningIn(logger, identity.TelegramUserId, identity.BotId, user.Id, identity.Kind);
            return (user.Id, null);
        }

        return options.Value.AllowSignUp ? await SignUpAsync(identity, cancellationToken) : (null, TelegramProblems.NotLinked());
    }

    /// <summary>The Telegram user id linked to the account, or null.</summary>
    public async Task<long?> LinkedTelegramUserAsync(ServerUser user)
    {
        var login = (await users.GetLoginsAsync(user)).FirstOrDefault(login => login.LoginProvider == TelegramIdentity.LoginProvider);
        return login is null ? null : long.Parse(login.ProviderKey, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Links the Telegram user to the account; linking the same user again is not an error.</summary>
    public async Task<IResult> LinkAsync(ServerUser user, TelegramIdentity identity)
    {
        var owner = await users.FindByLoginAsync(TelegramIdentity.LoginProvider, identity.ProviderKey);
        if (owner is not null)
        {
            return owner.Id == user.Id ? Linked(identity.TelegramUserId) : TelegramProblems.LinkedToAnotherAccount();
        }

        if (await LinkedTelegramUserAsync(user) is not null)
        {
            return TelegramProblems.AnotherTelegramLinked();
        }

        try
        {
            var result = await users.AddLoginAsync(user, Login(identity));
            return result.Succeeded ? Linked(identity.TelegramUserId) : TelegramProblems.LinkedToAnotherAccount();
        }
        catch (DbUpdateException)
        {
            // A concurrent link of the same Telegram user won: the login's key is unique.
            return TelegramProblems.LinkedToAnotherAccount();
        }
    }

    /// <summary>Removes the account's Telegram link, unless it is the account's only way to sign in.</summary>
    public async Task<IResult> UnlinkAsync(ServerUser user)
    {
        if (await LinkedTelegramUserAsync(user) is not { } telegramUserId)
        {
            return TelegramProblems.NoLink();
        }

        if (!await users.HasPasswordAsync(user))
        {
            return TelegramProblems.OnlySignIn();
        }

        var key = telegramUserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await users.RemoveLoginAsync(user, TelegramIdentity.LoginProvider, key);
        return result.Succeeded ? TypedResults.NoContent() : TelegramProblems.NoLink();
    }

    public static IResult Linked(long telegramUserId) => TypedResults.Ok(new TelegramLinkResponse(telegramUserId));

    /// <summary>A new account with no password (user name <c>telegram_&lt;id&gt;</c>) and its link, in one transaction.</summary>
    private async Task<(string?, IResult?)> SignUpAsync(TelegramIdentity identity, CancellationToken cancellationToken)
    {
        var user = new ServerUser
        {
            UserName = "telegram_" + identity.ProviderKey,
            DateJoinedMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if ((await users.CreateAsync(user)).Succeeded && (await users.AddLoginAsync(user, Login(identity))).Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
                TelegramLog.SignedUp(logger, user.Id, identity.TelegramUserId);
                return (user.Id, null);
            }
        }
        catch (DbUpdateException)
        {
            // A concurrent first sign-in of the same Telegram user inserted the same name or login first.
        }

        // Nothing of the failed attempt may be saved by a later write of this request.
        db.ChangeTracker.Clear();
        var existing = await users.FindByLoginAsync(TelegramIdentity.LoginProvider, identity.ProviderKey);
        return existing is not null ? (existing.Id, null) : (null, TelegramProblems.NameTaken());
    }

    private static UserLoginInfo Login(TelegramIdentity identity) =>
        new(TelegramIdentity.LoginProvider, identity.ProviderKey, TelegramIdentity.LoginProvider);
}
