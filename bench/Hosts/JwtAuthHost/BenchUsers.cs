using JwtAuth.Users;

/// <summary>The benchmark measures authenticated requests only: nobody logs in here.</summary>
internal sealed class BenchUsers : IJwtAuthUserService
{
    public Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken) => Task.FromResult<JwtAuthUser?>(null);

    public Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<JwtAuthUser?>(null);

    public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
}
