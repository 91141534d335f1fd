using JwtAuth.Server.Data;
using JwtAuth.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace JwtAuth.Server.Tests.Abuse;

/// <summary>
/// Parks the first registration after Identity's own validation (its "is this name free?" check)
/// and before the insert, until the test releases it: the window in which a concurrent registration
/// of the same name can commit first. Registered last, so it runs after Identity's validator.
/// </summary>
public sealed class RegistrationGate
{
    private int _calls;

    public TaskCompletionSource Parked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Registers <paramref name="parked"/>, which the gate parks, then <paramref name="winner"/>,
    /// which commits while the first waits, then lets the first go on; both answers.
    /// </summary>
    public async Task<(ApiResponse Winner, ApiResponse Loser)> RaceAsync(TestServerHost host, object parked, object winner)
    {
        using var first = host.CreateClient();
        using var second = host.CreateClient();

        var parkedAnswer = first.PostJsonAsync("/api/register/", parked);
        await Parked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var winnerAnswer = await second.PostJsonAsync("/api/register/", winner);
        Release.SetResult();
        return (winnerAnswer, await parkedAnswer);
    }

    public void Add(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddScoped<IUserValidator<ServerUser>, Validator>();
    }

    private sealed class Validator(RegistrationGate gate) : IUserValidator<ServerUser>
    {
        public async Task<IdentityResult> ValidateAsync(UserManager<ServerUser> manager, ServerUser user)
        {
            if (Interlocked.Increment(ref gate._calls) == 1)
            {
                gate.Parked.SetResult();
                await gate.Release.Task;
            }

            return IdentityResult.Success;
        }
    }
}
