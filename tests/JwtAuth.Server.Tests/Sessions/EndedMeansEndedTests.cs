using System.Net;
using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Server.Users;
using JwtAuth.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Sessions;

/// <summary>The server's end-alls against what races them, and the admin changes that must happen whole or not at all.</summary>
public sealed class EndedMeansEndedTests
{
    [Fact]
    public async Task PasswordChange_RacingALoginThatPassedTheOldPassword_LeavesNoWorkingSession()
    {
        var gate = new LoginGate();
        await using var host = await TestServerHost.StartAsync(services: services =>
        {
            services.AddSingleton(gate);
            services.AddScoped<IdentityJwtAuthUserService>();
            services.AddScoped<IJwtAuthUserService, ParkingUsers>();
        });
        await host.RegisterAsync("alice", "old-password-1");
        var (access, _) = await host.LoginAsync("alice", "old-password-1");
        using var client = host.CreateClient();

        // A login checks the old password and is parked before it opens its session.
        gate.Arm();
        var racing = client.PostJsonAsync("/api/token/", new { username = "alice", password = "old-password-1" });
        await gate.Parked;
        (await client.PostJsonAsync("/api/password/change/", new { old_password = "old-password-1", new_password = "new-password-2" }, access))
            .Status.ShouldBe(HttpStatusCode.NoContent);
        gate.Release();

        var answer = await racing;
        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.Body);
        (await host.LoginAsync("alice", "new-password-2")).Access.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Disable_ThatIdentityRefuses_ChangesNothing_AndSaysSo()
    {
        await using var host = await TestServerHost.StartAsync(services: services =>
            services.AddScoped<IUserValidator<ServerUser>, RefuseToDisable>());
        await host.RegisterAsync("bob");
        var (access, refresh) = await host.LoginAsync("bob");

        using (var scope = host.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync("bob", active: false);
            result!.Succeeded.ShouldBeFalse();
        }

        // Before, the sessions were ended while the account stayed active and could log in again.
        using var client = host.CreateClient();
        (await client.GetAsync("/api/me/", access)).Status.ShouldBe(HttpStatusCode.OK);
        (await client.PostJsonAsync("/api/token/refresh/", new { refresh })).Status.ShouldBe(HttpStatusCode.OK);
        using var check = host.Services.CreateScope();
        (await check.ServiceProvider.GetRequiredService<UserManager<ServerUser>>().FindByNameAsync("bob"))!.IsActive.ShouldBeTrue();
    }

    /// <summary>Parks one credential check, once armed, after it has answered.</summary>
    internal sealed class LoginGate
    {
        private readonly TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _armedFlag;

        public Task Parked => _parked.Task;

        public void Arm() => Interlocked.Exchange(ref _armedFlag, 1);

        public void Release() => _release.TrySetResult();

        public async Task PassAsync()
        {
            if (Interlocked.Exchange(ref _armedFlag, 0) == 1)
            {
                _parked.TrySetResult();
                await _release.Task;
            }
        }
    }

    private sealed class ParkingUsers(IdentityJwtAuthUserService inner, LoginGate gate) : IJwtAuthUserService
    {
        public async Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken)
        {
            var user = await inner.FindByCredentialsAsync(userName, password, cancellationToken);
            await gate.PassAsync();
            return user;
        }

        public Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => inner.FindByIdAsync(userId, cancellationToken);

        public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) => inner.RecordLoginAsync(userId, at, cancellationToken);
    }

    private sealed class RefuseToDisable : IUserValidator<ServerUser>
    {
        public Task<IdentityResult> ValidateAsync(UserManager<ServerUser> manager, ServerUser user) =>
            Task.FromResult(user.IsActive ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = "Refused", Description = "Refused by policy." }));
    }
}
