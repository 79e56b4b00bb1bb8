using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Cli;

/// <summary>
/// `export journal` (docs/operations.md "Verbs of the executable"): a class's journal for a period as PDF, CSV or XLSX into a file, or every
/// class of the year into a folder (`--all --out DIR`, semester-end printing) — through the same <see cref="JournalPrints"/>
/// as the panel's print page. Prints what it wrote; bad arguments exit 2 with a message, a refused export 1.
/// </summary>
internal static partial class ExportVerb
{
    public const string Usage =
        "usage: Bot.Host export journal --class \"7-А\" [--subject NAME] [--year 2026-2027] --period semester1|semester2|year|YYYY-MM\n" +
        "                               --format pdf|csv|xlsx [--section journal|lessons|attendance|achievements] [--school NAME] --out FILE\n" +
        "       Bot.Host export journal --all [--year ...] --period ... --format ... [--section ...] --out DIR\n" +
        "       Bot.Host export report --student ID|\"Прізвище Ім'я\" [--semester 1|2] [--school NAME] --out FILE";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> all, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var args = VerbOptions.WithoutSettings(all);
        if (args.Count > 0 && args[0] == "report") return await ReportAsync(services, args, output, error, ct);
        if (args.Count == 0 || args[0] != "journal")
            return await FailAsync(error, args.Count == 0 ? "say what to export: export journal ... or export report ..." : $"unknown export '{args[0]}': the export is 'journal' or 'report'");
        var (options, problem) = VerbOptions.Parse(args, 1, ["class", "subject", "year", "period", "format", "section", "school", "out"], ["all"]);
        if (options is null) return await FailAsync(error, problem!);
        var everyClass = options.ContainsKey("all");
        if (everyClass == options.ContainsKey("class")) return await FailAsync(error, "give either --class \"7-А\" or --all");
        if (!options.TryGetValue("period", out var period)) return await FailAsync(error, "--period is required: semester1, semester2, year or YYYY-MM");
        if (!options.TryGetValue("out", out var target)) return await FailAsync(error, everyClass ? "--out DIR is required" : "--out FILE is required");
        var format = JournalPrints.ParseFormat(options.GetValueOrDefault("format"));
        if (!format.IsSuccess) return await FailAsync(error, "--format is pdf, csv or xlsx");
        var section = JournalPrints.ParseSection(options.GetValueOrDefault("section"));
        if (!section.IsSuccess) return await FailAsync(error, "--section is journal, lessons, attendance or achievements (CSV only)");

        var db = services.GetRequiredService<JournalDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await error.WriteLineAsync("export: the database is not up to date: run `Bot.Host migrate` first.");
            return 1;
        }

        var (school, schoolProblem) = await InvitesVerb.FindSchoolAsync(db, options.GetValueOrDefault("school"), ct);
        if (school is null) return await FailAsync(error, schoolProblem!);
        var years = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id).ToListAsync(ct);
        var clock = services.GetRequiredService<TimeProvider>();
        var year = options.TryGetValue("year", out var title)
            ? years.FirstOrDefault(y => y.Title == title)
            : SchoolYears.Current(years, SchoolTime.Today(clock, school.TimeZone)) ?? years.MaxBy(y => y.StartsOn);
        if (year is null)
            return await FailAsync(error, $"no school year {title ?? "yet"} in {school.Name}; the years are: {string.Join(", ", years.Select(y => y.Title))}");
        var classes = (await db.Classes.AsNoTracking().Where(c => c.SchoolYearId == year.Id).ToListAsync(ct)).OrderBy(c => c.Name.SortKey, StringComparer.Ordinal).ToList();

        Guid? subjectId = null;
        if (options.TryGetValue("subject", out var subjectName))
        {
            var key = UkrainianText.SearchKey(subjectName);
            var subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.SchoolId == school.Id && s.SearchKey == key, ct);
            if (subject is null) return await FailAsync(error, $"no subject \"{subjectName}\" in {school.Name}");
            subjectId = subject.Id;
        }

        var prints = new JournalPrints(db, clock);
        if (!everyClass)
        {
            var name = ClassName.Parse(options["class"]);
            if (!name.IsSuccess) return await FailAsync(error, $"'{options["class"]}' is not a class: write it like \"7-А\"");
            var cls = classes.FirstOrDefault(c => c.Grade == name.Value.Grade && c.Letter == name.Value.Letter);
            if (cls is null) return await FailAsync(error, $"no class {name.Value} in {school.Name}, {year.Title}; the classes are: {string.Join(", ", classes.Select(c => c.Name))}");
            var file = await prints.ClassJournalAsync(cls.Id, period, format.Value, section.Value, subjectId, ct: ct);
            if (!file.IsSuccess) return await FailAsync(error, file.Error.Message, 1);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            await File.WriteAllBytesAsync(target, file.Value!.Content, ct);
            await output.WriteLineAsync($"export: {cls.Name}, {period}: {target} ({file.Value.Content.Length / 1024} KiB)");
            return 0;
        }

        Directory.CreateDirectory(target);
        foreach (var cls in classes)
        {
            var file = await prints.ClassJournalAsync(cls.Id, period, format.Value, section.Value, subjectId, ct: ct);
            if (!file.IsSuccess) return await FailAsync(error, $"{cls.Name}: {file.Error.Message}", 1);
            var path = Path.Combine(target, file.Value!.FileName);
            await File.WriteAllBytesAsync(path, file.Value.Content, ct);
            await output.WriteLineAsync($"export: {cls.Name}: {path} ({file.Value.Content.Length / 1024} KiB)");
        }

        await output.WriteLineAsync($"export: {classes.Count} class journal(s) of {school.Name}, {year.Title}, into {target}");
        return 0;
    }

    private static async Task<int> FailAsync(TextWriter error, string problem, int code = 2)
    {
        await error.WriteLineAsync($"export: {problem}" + (code == 2 ? $"\n{Usage}" : ""));
        return code;
    }
}
