using JwtAuth.Reliability;

// Usage (crash.sh, concurrency.sh and run.sh pass these):
//   crash       --server-dll DLL --provider Sqlite|Postgres --connection CS --workdir DIR [--seed 1] [--max-seconds 600]
//               [--crashes 5] [--clients 4] [--users-per-client 3] [--min-load-ms 1000] [--max-load-ms 4000] [--recheck 40]
//   concurrency --server-dll DLL --provider Sqlite|Postgres --connection CS --workdir DIR [--seed 1]
//               [--pairs 10] [--parallel 4] [--password-trials 6] [--old-logins 4] [--registration-trials 8] [--registrants 4]
// Prints progress, the figures, every check kind with its counts and first failing examples, and
// ends with "reliability: N passed, M failed"; exits 1 when M > 0 (a set-up step that fails, such as
// a registration or the first start, counts as a failed check), 2 on a usage error.
if (args.Length == 0 || args[0] is not ("crash" or "concurrency"))
{
    Console.Error.WriteLine("usage: crash|concurrency --server-dll DLL --provider Sqlite|Postgres --connection CS --workdir DIR [options] (see Program.cs)");
    return 2;
}

Settings settings;
try
{
    settings = Settings.From(Options.Parse(args[1..]));
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

Directory.CreateDirectory(settings.WorkDirectory);
var checks = new Checks();
var figures = new Figures();
try
{
    if (args[0] == "crash")
    {
        await new CrashCampaign(settings, checks, figures, Console.Out).RunAsync();
    }
    else
    {
        await new ConcurrencyCampaign(settings, checks, figures, Console.Out).RunAsync();
    }
}
catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
{
    // A set-up step failed (a registration, the server's start): the campaign could not run, which is a failure too.
    checks.Check("campaign: set-up", false, () => exception.Message);
}

figures.Print(Console.Out);
checks.Print(Console.Out);
return checks.Failed > 0 ? 1 : 0;
