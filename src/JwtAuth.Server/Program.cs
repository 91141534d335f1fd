using JwtAuth.Server.Cli;
using JwtAuth.Server.Hosting;

if (ServerCli.IsCommand(args))
{
    return await ServerCli.RunAsync(args, Console.Out);
}

return await ServerHost.RunAsync(args, Console.Error);

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
