using JwtAuth.Tokens;
using JwtAuth.Users;

namespace JwtAuth.Flows;

/// <summary>
/// The one rule for who may get tokens: a user that exists and, with
/// <see cref="JwtAuthOptions.CheckUserIsActive"/>, is active. Every flow that issues asks here.
/// </summary>
internal sealed class ActiveUsers(IJwtAuthUserService users, TokenServices tokens)
{
    public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken) =>
        OnlyActive(await users.FindByCredentialsAsync(userName, password, cancellationToken).ConfigureAwait(false));

    public async Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        OnlyActive(await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false));

    public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        tokens.Options.UpdateLastLogin ? users.RecordLoginAsync(userId, at, cancellationToken) : Task.CompletedTask;

    private JwtAuthUser? OnlyActive(JwtAuthUser? user) =>
        user is not null && (user.IsActive || !tokens.Options.CheckUserIsActive) ? user : null;
}
