using JwtAuth.Server.Cli;
using JwtAuth.Server.Hosting;

if (ServerCli.IsCommand(args))
{
    return await ServerCli.RunAsync(args, Console.Out);
}

await using var app = ServerApplication.Build(args);
await app.RunAsync();
return 0;

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
