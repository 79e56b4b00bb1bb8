using System.Globalization;
using Bot.Domain;
using Bot.Domain.Audit;
using Bot.Domain.Journal;
using Bot.Domain.Linking;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Cli;

/// <summary>
/// `invites create` (docs/operations.md "Verbs of the executable"): the invite sheet of a class's parents or students, or of the staff, as
/// CSV on standard output for scripts — RFC 4180 (comma, CRLF, quotes only where needed), no BOM — through the same
/// <see cref="InviteService"/> as the panel. What went wrong goes to standard error with a non-zero exit.
/// </summary>
internal static class InvitesVerb
{
    public static readonly string[] Header = ["class", "student", "guardian", "role", "code", "telegram_link", "viber_link", "expires"];

    /// <summary>The operator at the console: the administration's rights in every school of the installation.</summary>
    private static readonly Actor Operator = new(null, "CLI", StaffRoles.Administrator, Channel.Cli);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var (arguments, problem) = InvitesArguments.Parse(args);
        if (arguments is null)
        {
            await error.WriteLineAsync($"invites: {problem}\n{InvitesArguments.Usage}");
            return 2;
        }

        var db = services.GetRequiredService<JournalDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await error.WriteLineAsync("invites: the database is not up to date: run `Bot.Host migrate` first.");
            return 1;
        }

        var (school, schoolProblem) = await FindSchoolAsync(db, arguments.School, ct);
        if (school is null)
        {
            await error.WriteLineAsync($"invites: {schoolProblem}");
            return 2;
        }

        var invites = services.GetRequiredService<InviteService>();
        Result<IReadOnlyList<InviteRow>> result;
        string what;
        if (arguments.Class is { } className)
        {
            var clock = services.GetRequiredService<TimeProvider>();
            var (cls, classProblem) = await FindClassAsync(db, school, className, SchoolTime.Today(clock, school.TimeZone), ct);
            if (cls is null)
            {
                await error.WriteLineAsync($"invites: {classProblem}");
                return 2;
            }

            result = await invites.CreateForClassAsync(Operator, cls.Id, arguments.Audience, ct);
            what = $"{arguments.Role}s of {className}";
        }
        else
        {
            result = await invites.CreateForStaffAsync(Operator, school.Id, ct);
            what = "staff";
        }

        if (!result.IsSuccess)
        {
            await error.WriteLineAsync($"invites: {result.Error.Message}");
            return 1;
        }

        var config = services.GetRequiredService<IConfiguration>();
        await WriteCsvAsync(output, result.Value!, config["Telegram:BotUsername"], config["Viber:ChatUri"], ct);
        await error.WriteLineAsync($"invites: {result.Value!.Count} row(s) for the {what}, {school.Name}.");
        return 0;
    }

    /// <summary>Writes the sheet with the header <see cref="Header"/>; links are empty when the bot's username or chat URI is unknown.</summary>
    public static async Task WriteCsvAsync(TextWriter output, IReadOnlyList<InviteRow> rows, string? botUsername, string? viberChatUri, CancellationToken ct = default)
    {
        var options = new CsvWriterOptions
        {
            Separator = ',',
            NewLine = "\r\n",
            Quoting = CsvQuoting.WhenNeeded,
            // The columns people typed go through SpreadsheetCells.Protect below; the codes (which may begin with '-'),
            // links and times are the product's own and stay as they are for the scripts that read this file.
            Injection = CsvInjection.None,
            WriteByteOrderMark = false,
        };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync(
            [
                SpreadsheetCells.Protect(row.Class), SpreadsheetCells.Protect(row.Student), SpreadsheetCells.Protect(row.Guardian), SpreadsheetCells.Protect(row.Role), row.Code,
                InviteLinks.Telegram(botUsername, row.Code), InviteLinks.Viber(viberChatUri, row.Code),
                row.ExpiresUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ], ct);
        }

        await csv.FlushAsync(ct);
    }

    internal static async Task<(School? School, string? Problem)> FindSchoolAsync(JournalDbContext db, string? name, CancellationToken ct)
    {
        var schools = (await db.Schools.AsNoTracking().ToListAsync(ct)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var list = string.Join(", ", schools.Select(s => $"\"{s.Name}\""));
        if (schools.Count == 0) return (null, "there is no school in the database yet");
        if (name is null)
            return schools.Count == 1
                ? (schools[0], null)
                : (null, $"this installation has {schools.Count} schools: add --school with one of {list}");
        var school = schools.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(s.ShortName, name, StringComparison.OrdinalIgnoreCase));
        return school is null ? (null, $"no school \"{name}\": the schools are {list}") : (school, null);
    }

    /// <summary>The class of that name in the school's current year (<see cref="SchoolYears.Current"/>).</summary>
    private static async Task<(SchoolClass? Class, string? Problem)> FindClassAsync(JournalDbContext db, School school, ClassName name, DateOnly today, CancellationToken ct)
    {
        var year = SchoolYears.Current(await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct), today);
        if (year is null) return (null, $"{school.Name} has no school year yet");
        var classes = await db.Classes.AsNoTracking().Where(k => k.SchoolYearId == year.Id).ToListAsync(ct);
        var cls = classes.FirstOrDefault(k => k.Grade == name.Grade && k.Letter == name.Letter);
        var known = string.Join(", ", classes.Select(k => k.Name).OrderBy(n => n.SortKey, StringComparer.Ordinal));
        return cls is null ? (null, $"no class {name} in {school.Name}, {year.Title}; the classes are: {known}") : (cls, null);
    }
}
