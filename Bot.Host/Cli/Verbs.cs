using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Bot.Host.Configuration;
using Bot.Host.Demo;
using Bot.Host.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Cli;

/// <summary>The operator's verbs: same configuration and services as the server, output for people and scripts, non-zero exit on error.</summary>
public static class Verbs
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var verb = args[0];
        if (!CommandLine.IsKnownVerb(verb))
        {
            await error.WriteLineAsync($"Unknown verb '{verb}'. Verbs: {string.Join(", ", CommandLine.Verbs)}. Without a verb Bot.Host runs the server.");
            return 2;
        }

        if (verb == "help")
        {
            await output.WriteLineAsync("""
                Bot.Host            run the server (admin panel, bots, jobs); --demo seeds the demo school into an empty database first
                Bot.Host migrate    apply database migrations and exit
                Bot.Host demo       apply migrations, seed the demo school (unless it is there) and exit;
                                    settings School:TimeZone, Demo:Scale (1-10), Demo:DaysBack (default: from 1 September)
                Bot.Host invites create --class "7-А" --role parent|student [--school NAME]
                Bot.Host invites create --role staff [--school NAME]
                                    invite codes and links as CSV on stdout
                Bot.Host export journal --class "7-А" --period semester1|semester2|year|YYYY-MM --format pdf|csv|xlsx --out FILE
                Bot.Host export journal --all --period ... --format ... --out DIR
                                    the class journal (PDF), or its data (CSV: --section journal|lessons|attendance|achievements; XLSX)
                Bot.Host export report --student ID|"Прізвище Ім'я" [--semester 1|2] --out FILE
                                    a student's report for parents (PDF), as the panel and /report make it
                Bot.Host school add --name NAME [--short NAME] [--time-zone Europe/Kyiv] --admin "Прізвище Ім'я" --login LOGIN
                                    another school in this installation, its first year and first administrator
                                    (prints the administrator's one-time password); Bot.Host school list
                Bot.Host reset-password LOGIN
                                    a new one-time password for a panel account (changed at the next sign-in)
                Bot.Host backup FILE
                                    a checked copy of the database while the server runs (SQLite; pg_dump on PostgreSQL)
                Bot.Host restore FILE
                                    replace the database's content with a backup (stop the server first), then migrate
                Bot.Host audit verify [--school NAME|ID] [--anchor SEQUENCE:HASH] [--from-checkpoint]
                                    check each school's audit chain (from its first record, or from the last check), the
                                    record at an anchor (from a backup's manifest or a printed journal), and the journal
                                    against the trail; the verdict is stored for the panel; exit code 3 when a check fails
                """);
            return 0;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(SettingsOf(args[1..]));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddProductSettings();
        builder.AddJournalStorage();
        builder.Services.AddPanelIdentityCore();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JournalDbContext>();
        try
        {
            switch (verb)
            {
                case "migrate":
                    var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                    await JournalDatabase.MigrateAsync(db);
                    await output.WriteLineAsync(pending.Count == 0
                        ? "The database is up to date."
                        : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                    // The audit chain's key (ADR 0037): made here for the processes that start after `migrate` (compose).
                    var keyPath = host.Services.GetRequiredService<IConfiguration>()["Audit:KeyPath"] is { Length: > 0 } kp ? kp : Bot.Domain.Audit.AuditKey.DefaultPath;
                    var key = await Bot.Host.Audit.AuditKeyCheck.EnsureAsync(db, keyPath, create: true);
                    if (key.Key is null)
                    {
                        await error.WriteLineAsync(key.Problem);
                        return 1;
                    }

                    if (key.Created)
                        await output.WriteLineAsync($"Created the audit key at {Path.GetFullPath(keyPath)} (key id {key.Key.KeyId}). Back it up separately from the database.");
                    return 0;
                case "invites":
                    return await InvitesVerb.RunAsync(scope.ServiceProvider, args[1..], output, error);
                case "export":
                    return await ExportVerb.RunAsync(scope.ServiceProvider, args[1..], output, error);
                case "demo":
                    await JournalDatabase.MigrateAsync(db);
                    var summary = await DemoExtensions.SeedAsync(scope.ServiceProvider, db, CancellationToken.None);
                    await output.WriteLineAsync(summary.Describe());
                    if (await DemoAccounts.EnsureAsync(scope.ServiceProvider, db) is { } accounts) await output.WriteLineAsync(accounts);
                    return 0;
                case "school":
                    return await SchoolVerb.RunAsync(scope.ServiceProvider, args[1..], output, error);
                case "audit":
                    return await AuditVerb.RunAsync(scope.ServiceProvider, args[1..], output, error);
                case "reset-password":
                    return await ResetPasswordAsync(scope.ServiceProvider, args[1..], output, error);
                case "backup" or "restore":
                    return await BackupVerbs.RunAsync(verb, host.Services.GetRequiredService<IConfiguration>(), args[1..], output, error);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or DbUpdateException or System.Data.Common.DbException
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await error.WriteLineAsync($"{verb} failed: {ex.Message}");
            return 1;
        }

        return 2;
    }

    /// <summary>
    /// The settings among a verb's arguments: `--Section:Key=Value` or `--Section:Key Value` (a setting's key has a section).
    /// The verb's own arguments (a file such as /var/backups/journal.db, `--class 7-А`, `--out FILE`) stay out of the
    /// configuration: its command-line provider would read "/key value" and "--key value" as settings, each taking the next
    /// argument as its value — even a setting given after it.
    /// </summary>
    internal static string[] SettingsOf(IReadOnlyList<string> args)
    {
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) continue;
            var key = a.Split('=', 2)[0];
            if (!key.Contains(':')) continue;
            if (a.Contains('=')) settings.Add(a);
            else if (i + 1 < args.Count) settings.Add($"{a}={args[++i]}");
        }

        return [.. settings];
    }

    /// <summary>`reset-password LOGIN`: prints a new one-time password; the account must change it at the next sign-in.</summary>
    private static async Task<int> ResetPasswordAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var login = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (login is null)
        {
            await error.WriteLineAsync("Usage: Bot.Host reset-password LOGIN");
            return 2;
        }

        await JournalDatabase.MigrateAsync(services.GetRequiredService<JournalDbContext>());
        var result = await services.GetRequiredService<PanelAccounts>().ResetPasswordAsync(login);
        if (!result.IsSuccess)
        {
            await error.WriteLineAsync($"reset-password failed: {result.Error.Message}");
            return 1;
        }

        await output.WriteLineAsync($"New one-time password for '{result.Value!.Login}': {result.Value.Password}");
        await output.WriteLineAsync("It must be changed at the next sign-in; open sessions of this account end within a minute.");
        return 0;
    }
}
