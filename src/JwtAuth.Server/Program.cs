using JwtAuth.Server.Cli;
using JwtAuth.Server.Data;
using JwtAuth.Server.Hosting;

if (ServerCli.IsCommand(args))
{
    return await ServerCli.RunAsync(args, Console.Out);
}

await using var app = ServerApplication.Build(args);
if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await ServerDatabaseMigrator.MigrateAsync(app.Services);
}

await app.RunAsync();
return 0;

/// <summary>The server's entry point (public for <c>WebApplicationFactory</c>).</summary>
public partial class Program;
