using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Host.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>
/// `school add` and `school list` (docs/architecture.md "Tenancy", ADR 0022): the installation's operator adds a school with its
/// first year and first administrator — through the same <see cref="SchoolRegistration"/> as the panel's "Школи" page —
/// and prints the administrator's one-time password once.
/// </summary>
internal static class SchoolVerb
{
    public const string Usage =
        "usage: Bot.Host school add --name \"Ліцей № 2\" [--short \"Ліцей 2\"] [--time-zone Europe/Kyiv] --admin \"Прізвище Ім'я [По батькові]\" --login LOGIN\n" +
        "       Bot.Host school list";

    private static readonly Actor Operator = new(null, "CLI", StaffRoles.Administrator, Channel.Cli);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> all, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var args = VerbOptions.WithoutSettings(all);
        var action = args.FirstOrDefault();
        if (action is not ("add" or "list"))
        {
            await error.WriteLineAsync($"school: {(action is null ? "say what to do" : $"unknown action '{action}'")}\n{Usage}");
            return 2;
        }

        var db = services.GetRequiredService<JournalDbContext>();
        await JournalDatabase.MigrateAsync(db);
        if (action == "list")
        {
            foreach (var s in await db.Schools.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct))
                await output.WriteLineAsync($"{s.Name}\t{s.ShortName}\t{s.TimeZone}");
            return 0;
        }

        var (options, problem) = VerbOptions.Parse(args, 1, ["name", "short", "time-zone", "admin", "login"]);
        if (options is null || !options.ContainsKey("name") || !options.ContainsKey("admin") || !options.ContainsKey("login"))
        {
            await error.WriteLineAsync($"school add: {problem ?? "--name, --admin and --login are required"}\n{Usage}");
            return 2;
        }

        var registration = ActivatorUtilities.CreateInstance<SchoolRegistration>(services);
        var result = await registration.AddAsync(Operator,
            new NewSchool(options["name"], options.GetValueOrDefault("short"), options.GetValueOrDefault("time-zone"), options["admin"], options["login"]),
            services.GetRequiredService<IOptions<SchoolOptions>>().Value.TimeZone, ct);
        if (!result.IsSuccess)
        {
            await error.WriteLineAsync($"school add: {result.Error.Message}");
            return 1;
        }

        var added = result.Value!;
        await output.WriteLineAsync($"Added school '{added.School.Name}' ({added.School.TimeZone}), year {added.Year.Title}.");
        await output.WriteLineAsync($"First administrator {added.Administrator.FullName}: login '{added.Account.Login}', one-time password {added.Account.Password}");
        await output.WriteLineAsync("The password is shown only now and must be changed at the first sign-in (lost: Bot.Host reset-password LOGIN).");
        return 0;
    }
}
