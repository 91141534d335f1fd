using System.Globalization;
using JwtAuth.Server.Cli;
using JwtAuth.Server.Hosting;

// Output for operators (CLI, logs, health reasons) stays invariant whatever the machine's locale, as it was
// under InvariantGlobalization; only a request's texts follow its Accept-Language (ServerLocalization).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

if (ServerCli.IsCommand(args))
{
    return await ServerCli.RunAsync(args, Console.Out);
}

return await ServerHost.RunAsync(args, Console.Error);

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
