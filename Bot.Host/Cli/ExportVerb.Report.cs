using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace Bot.Host.Cli;

/// <summary>`export report` (docs/operations.md "Verbs of the executable"): a student's report for parents as PDF, the same <see cref="StudentReportPdf"/> as the panel and /report.</summary>
internal static partial class ExportVerb
{
    private static async Task<int> ReportAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (options, problem) = VerbOptions.Parse(args, 1, ["student", "semester", "school", "out"], []);
        if (options is null) return await FailAsync(error, problem!);
        if (!options.TryGetValue("student", out var who)) return await FailAsync(error, "--student is required: the student's id or \"Прізвище Ім'я\"");
        if (!options.TryGetValue("out", out var target)) return await FailAsync(error, "--out FILE is required");
        int? semester = options.TryGetValue("semester", out var s) ? s switch { "1" => 1, "2" => 2, _ => 0 } : null;
        if (semester == 0) return await FailAsync(error, "--semester is 1 or 2");

        var db = services.GetRequiredService<JournalDbContext>();
        var (school, schoolProblem) = await InvitesVerb.FindSchoolAsync(db, options.GetValueOrDefault("school"), ct);
        if (school is null) return await FailAsync(error, schoolProblem!);
        var students = Guid.TryParse(who, out var id)
            ? await db.Students.AsNoTracking().Where(x => x.Id == id && x.SchoolId == school.Id).ToListAsync(ct)
            : await db.Students.AsNoTracking().Where(x => x.SchoolId == school.Id && x.SearchKey == UkrainianText.SearchKey(who)).ToListAsync(ct);
        if (students.Count == 0) return await FailAsync(error, $"no student \"{who}\" in {school.Name}");
        if (students.Count > 1)
            return await FailAsync(error, $"{students.Count} students are called \"{who}\": give the id of one — {string.Join(", ", students.Select(x => $"{x.FullName} {x.Id}"))}");

        var file = await new StudentReportPdf(db, services.GetRequiredService<TimeProvider>()).RenderAsync(students[0].Id, semester, ct);
        if (!file.IsSuccess) return await FailAsync(error, file.Error!.Message, 1);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await File.WriteAllBytesAsync(target, file.Value!.Content, ct);
        await output.WriteLineAsync($"export: the report of {students[0].FullName}: {target} ({file.Value.Content.Length / 1024} KiB)");
        return 0;
    }
}
