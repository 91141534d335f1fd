using System.Net.Http.Headers;
using System.Text;
using JwtAuth.Server.Tests.Infrastructure;

namespace JwtAuth.Server.Tests.Services;

/// <summary>A server that knows one service, for the tests of the endpoints services call.</summary>
public abstract class ServiceTestBase : ServerTestBase
{
    protected const string Service = "orders-api";
    protected const string Secret = "orders-api-secret-0123456789abcdef0123456789";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { [$"JwtAuth:Services:{Service}:Secret"] = Secret };

    /// <summary>The service's own credentials.</summary>
    protected static AuthenticationHeaderValue Credentials => Basic(Service, Secret);

    protected static AuthenticationHeaderValue Basic(string name, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(name + ":" + secret)));
}
