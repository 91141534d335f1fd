using Microsoft.AspNetCore.Identity;
using System.CommandLine;
using JwtAuth.Import;
using JwtAuth.Server.Data;
using JwtAuth.Server.Django;
using JwtAuth.Server.Hosting;
using JwtAuth.Server.Users;
using JwtAuth.Sessions;
using Microsoft.EntityFrameworkCore;

namespace JwtAuth.Server.Cli;

/// <summary>
/// The server's commands, in the same binary: <c>migrate</c>, <c>createsuperuser</c>,
/// <c>users list|create|disable|enable|delete</c>, <c>flushexpiredtokens</c>, <c>importdjango</c>, and the help
/// (<c>--help</c>, <c>-h</c>, <c>-?</c>), which needs no settings. Without a command the server runs.
/// </summary>
internal static class ServerCli
{
    private static readonly string[] Commands = ["migrate", "createsuperuser", "users", "flushexpiredtokens", "importdjango"];

    /// <summary>System.CommandLine's help and version options: answered by the CLI, never by starting the server.</summary>
    private static readonly string[] HelpOptions = ["--help", "-h", "-?", "/h", "/?", "--version"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Contains(args[0]) || HelpOptions.Contains(args[0], StringComparer.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var root = new RootCommand(
            "JwtAuth server. Run without a command to serve HTTP (ASPNETCORE_URLS, default http://localhost:5000). "
            + "Settings: appsettings.json next to the program, or environment variables such as JwtAuth__SigningKey, "
            + "ConnectionStrings__Default, Database__Provider, ASPNETCORE_ENVIRONMENT.");
        root.Subcommands.Add(Migrate(output));
        root.Subcommands.Add(CreateUser("createsuperuser", "Create an admin user (Django's createsuperuser).", admin: true, output));
        var users = new Command("users", "Manage users.");
        users.Subcommands.Add(List(output));
        users.Subcommands.Add(CreateUser("create", "Create a user.", admin: false, output));
        users.Subcommands.Add(SetActive("disable", active: false, output));
        users.Subcommands.Add(SetActive("enable", active: true, output));
        users.Subcommands.Add(Delete(output));
        root.Subcommands.Add(users);
        root.Subcommands.Add(FlushExpiredTokens(output));
        root.Subcommands.Add(ImportDjango(output));
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
        catch (Exception exception)
        {
            // As for the server: one line naming the cause (an invalid setting, an unreachable database), the stack at Debug.
            await Console.Error.WriteLineAsync($"error: {StartupFailure.Describe(exception)}");
            StartupFailure.LogDetail(exception, services: null, args: []);
            return 1;
        }
    }

    private static Command Migrate(TextWriter output)
    {
        var command = new Command("migrate", "Apply pending database migrations.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = ServerApplication.Build([]);
            var applied = await ServerDatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            await output.WriteLineAsync(applied.Count == 0 ? "No migrations to apply." : $"Applied: {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }

    private static Command List(TextWriter output)
    {
        var command = new Command("list", "List the users (user name, id, active, staff, email), one line each, by user name.");
        command.SetAction(async (_, cancellationToken) =>
        {
            await using var app = ServerApplication.Build([]);
            await ServerDatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            using var scope = app.Services.CreateScope();
            var users = await scope.ServiceProvider.GetRequiredService<ServerDbContext>().Users.AsNoTracking()
                .Select(user => new { user.UserName, user.Id, user.IsActive, user.IsAdmin, user.Email })
                .ToListAsync(cancellationToken);
            if (users.Count == 0)
            {
                await output.WriteLineAsync("No users.");
                return 0;
            }

            // Ordered here, not by the database: the same order on SQLite and PostgreSQL whatever their collation.
            string[][] rows =
            [
                ["USERNAME", "ID", "ACTIVE", "STAFF", "EMAIL"],
                .. users.OrderBy(user => user.UserName, StringComparer.Ordinal).ThenBy(user => user.Id, StringComparer.Ordinal)
                    .Select(user => new[] { user.UserName ?? "-", user.Id, user.IsActive ? "yes" : "no", user.IsAdmin ? "yes" : "no", string.IsNullOrEmpty(user.Email) ? "-" : user.Email }),
            ];
            var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
            foreach (var row in rows)
            {
                await output.WriteLineAsync(string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))));
            }

            return 0;
        });
        return command;
    }

    private static Command CreateUser(string name, string description, bool admin, TextWriter output)
    {
        var userName = new Option<string>("--username") { Description = "User name.", Required = true };
        var password = new Option<string?>("--password")
        {
            Description = "Password; read from the JWTAUTH_PASSWORD environment variable or standard input when omitted.",
        };
        var email = new Option<string?>("--email") { Description = "Email address." };
        var command = new Command(name, description) { userName, password, email };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("JWTAUTH_PASSWORD") ?? await Console.In.ReadLineAsync(cancellationToken);
            if (string.IsNullOrEmpty(secret))
            {
                await output.WriteLineAsync("No password given (--password, JWTAUTH_PASSWORD or standard input).");
                return 2;
            }

            await using var app = ServerApplication.Build([]);
            await ServerDatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            using var scope = app.Services.CreateScope();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var (user, result) = await administration.CreateAsync(parse.GetValue(userName)!, secret, parse.GetValue(email), admin);
            if (user is null)
            {
                foreach (var error in result.Errors)
                {
                    await output.WriteLineAsync($"error: {error.Description}");
                }

                return 1;
            }

            await output.WriteLineAsync($"Created {(admin ? "admin " : "")}user '{user.UserName}' (id {user.Id}).");
            return 0;
        });
        return command;
    }

    private static Command SetActive(string name, bool active, TextWriter output)
    {
        var userName = new Option<string>("--username") { Description = "User name.", Required = true };
        var command = new Command(name, active ? "Allow a user to log in again." : "Stop a user from logging in and end all their sessions.") { userName };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = ServerApplication.Build([]);
            using var scope = app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetActiveAsync(parse.GetValue(userName)!, active, cancellationToken);
            return await ReportAsync(output, result, $"User '{parse.GetValue(userName)}' {(active ? "enabled" : "disabled; sessions ended")}.");
        });
        return command;
    }

    private static Command Delete(TextWriter output)
    {
        var userName = new Option<string>("--username") { Description = "User name.", Required = true };
        var command = new Command("delete", "Delete a user and end all their sessions.") { userName };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = ServerApplication.Build([]);
            using var scope = app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().DeleteAsync(parse.GetValue(userName)!, cancellationToken);
            return await ReportAsync(output, result, $"User '{parse.GetValue(userName)}' deleted.");
        });
        return command;
    }

    /// <summary>Says what happened: done, no such user, or why Identity refused (then nothing changed).</summary>
    private static async Task<int> ReportAsync(TextWriter output, IdentityResult? result, string done)
    {
        if (result is null)
        {
            await output.WriteLineAsync("No such user.");
            return 1;
        }

        if (!result.Succeeded)
        {
            await output.WriteLineAsync("Refused, nothing changed: " + string.Join(" ", result.Errors.Select(error => error.Description)));
            return 1;
        }

        await output.WriteLineAsync(done);
        return 0;
    }

    private static Command FlushExpiredTokens(TextWriter output)
    {
        var batch = new Option<int>("--batch-size") { Description = "Rows deleted per statement.", DefaultValueFactory = _ => 1000 };
        var command = new Command("flushexpiredtokens", "Delete expired refresh tokens, sessions, revocation log entries and imported SimpleJWT refresh tokens, in batches.") { batch };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var size = parse.GetValue(batch);
            if (size <= 0)
            {
                await output.WriteLineAsync("--batch-size must be positive.");
                return 2;
            }

            await using var app = ServerApplication.Build([]);
            using var scope = app.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            PruneResult total = default, round;
            var rounds = 0;
            do
            {
                round = await store.PruneAsync(now, size, cancellationToken);
                total += round;
                rounds++;
                if (round.Total > 0)
                {
                    await output.WriteLineAsync($"batch {rounds}: {round.RefreshTokens} refresh tokens, {round.Sessions} sessions, {round.Revocations} revocations");
                }
            }
            while (round.Total > 0);

            await output.WriteLineAsync($"Removed {total.RefreshTokens} expired refresh tokens, {total.Sessions} sessions and {total.Revocations} revocation log entries.");

            // SimpleJWT's refresh tokens brought over by importdjango, once they can no longer be redeemed.
            var imported = scope.ServiceProvider.GetRequiredService<IImportedRefreshTokenStore>();
            int importedRound, importedTotal = 0;
            do
            {
                importedRound = await imported.PruneAsync(now, size, cancellationToken);
                importedTotal += importedRound;
            }
            while (importedRound > 0);

            await output.WriteLineAsync($"Removed {importedTotal} expired imported SimpleJWT refresh tokens.");
            return 0;
        });
        return command;
    }

    private static Command ImportDjango(TextWriter output)
    {
        var sqlite = new Option<string?>("--sqlite") { Description = "Path of the Django project's SQLite database (opened read-only)." };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Npgsql connection string of the Django project's PostgreSQL database (a password is better left to PGPASSWORD or a .pgpass file).",
        };
        var dumpdata = new Option<string?>("--dumpdata") { Description = "A `manage.py dumpdata --format json` file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be imported; write nothing." };
        var command = new Command(
            "importdjango",
            "Import users (with their password hashes) and SimpleJWT's outstanding and blacklisted refresh tokens from a Django project. "
            + "Users already here are skipped, so it can run again.") { sqlite, postgres, dumpdata, dryRun };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string?[] sources = [parse.GetValue(sqlite), parse.GetValue(postgres), parse.GetValue(dumpdata)];
            if (sources.Count(source => !string.IsNullOrEmpty(source)) != 1)
            {
                await output.WriteLineAsync("Give exactly one of --sqlite, --postgres, --dumpdata.");
                return 2;
            }

            var dry = parse.GetValue(dryRun);
            DjangoExport export;
            try
            {
                export = sources[0] is { Length: > 0 } path ? await DjangoDatabaseReader.ReadSqliteAsync(path, cancellationToken)
                    : sources[1] is { Length: > 0 } connection ? await DjangoDatabaseReader.ReadPostgresAsync(connection, cancellationToken)
                    : await DjangoDumpDataReader.ReadAsync(sources[2]!, cancellationToken);
            }
            catch (DjangoImportException ex)
            {
                await output.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }

            await output.WriteLineAsync(
                $"Read {export.Users.Count} users and {export.Tokens.Count} outstanding refresh tokens ({export.Tokens.Count(t => t.Blacklisted)} blacklisted).");
            await using var app = ServerApplication.Build([]);
            await ServerDatabaseMigrator.MigrateAsync(app.Services, cancellationToken);
            using var scope = app.Services.CreateScope();
            var importer = ActivatorUtilities.CreateInstance<DjangoImporter>(scope.ServiceProvider);
            var summary = await importer.ImportAsync(export, dry, output, cancellationToken);
            foreach (var line in summary.UsersSkipped)
            {
                await output.WriteLineAsync($"skipped {line}");
            }

            foreach (var line in summary.UsersWithoutPassword)
            {
                await output.WriteLineAsync($"no password: {line}");
            }

            var verb = dry ? "to import" : "imported";
            await output.WriteLineAsync($"Users: {summary.UsersImported} {verb}, {summary.UsersPresent} already here, {summary.UsersSkipped.Count} skipped.");
            if (!export.HasTokenTables)
            {
                await output.WriteLineAsync("Refresh tokens: none, the source has no token_blacklist tables (clients log in again).");
            }
            else
            {
                var skipped = summary.TokensSkipped.Values.Sum();
                var reasons = skipped == 0 ? "" : $" ({string.Join(", ", summary.TokensSkipped.Select(reason => $"{reason.Key}: {reason.Value}"))})";
                await output.WriteLineAsync(
                    $"Refresh tokens: {summary.TokensImported} {verb}, {summary.TokensBlacklisted} {(dry ? "to blacklist" : "blacklisted")} since the last import, "
                    + $"{summary.TokensPresent} already here, {skipped} skipped{reasons}.");
            }

            if (dry)
            {
                await output.WriteLineAsync("Dry run: nothing was written.");
            }

            return 0;
        });
        return command;
    }
}
