using System.Data.Common;
using System.Net;
using JwtAuth.Server.Tests.Infrastructure;
using JwtAuth.Users;

namespace JwtAuth.Server.Tests.Hosting;

public sealed class DatabaseUnavailableTests
{
    [Fact]
    public async Task AnEndpointWhoseDatabaseFails_Answers503Problem()
    {
        await using var host = await TestServerHost.StartAsync(services: services =>
            services.AddScoped<IJwtAuthUserService, UnreachableUsers>());
        using var client = host.CreateClient();

        var response = await client.PostJsonAsync("/api/token/", new { username = "alice", password = "password-1234" });

        response.Status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.ContentType.ShouldBe("application/problem+json");
        response.Code.ShouldBe("service_unavailable");
        response.Body.ShouldNotContain("password-1234");
    }

    /// <summary>A user database that cannot be reached, as a connection failure surfaces from ADO.NET.</summary>
    private sealed class UnreachableUsers : IJwtAuthUserService
    {
        public Task<JwtAuthUser?> FindByCredentialsAsync(string userName, string password, CancellationToken cancellationToken) => throw new Unreachable();

        public Task<JwtAuthUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new Unreachable();

        public Task RecordLoginAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken) => throw new Unreachable();
    }

    private sealed class Unreachable() : DbException("connection refused");
}
