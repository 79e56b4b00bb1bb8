using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Diary;
using Bot.Domain.Persistence;
using Bot.Domain.Printing;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Print;

/// <summary>What to print or export: a class, a period, a format (J-1: pdf, csv, xlsx).</summary>
public sealed class PrintInput
{
    public Guid? ClassId { get; set; }
    public string? Period { get; set; } = "semester1";

    /// <summary>"pdf", "xlsx", or "csv-journal", "csv-lessons", "csv-attendance", "csv-achievements".</summary>
    public string? Format { get; set; } = "pdf";
}

/// <summary>
/// Printing and exporting a class journal: the administration any class of the school, a class teacher their
/// own (J-2; another class is 403). The download is a GET handler (it changes nothing); bad choices come back with a
/// Ukrainian message next to the field.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, JournalPrints prints, StudentReportPdf reports, AchievementCertificatePdf certificates,
    TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Title)> Formats =
    [
        ("pdf", "PDF — класний журнал для друку"),
        ("xlsx", "Excel (XLSX) — аркуш на предмет, відвідування, зведений облік"),
        ("csv-journal", "CSV — оцінки і пропуски"),
        ("csv-lessons", "CSV — зміст уроків і домашні завдання"),
        ("csv-attendance", "CSV — облік відвідування"),
        ("csv-achievements", "CSV — зведений облік навчальних досягнень"),
    ];

    public SchoolYear? Year { get; private set; }
    public List<SchoolClass> Classes { get; private set; } = [];
    public List<(string Value, string Title)> Periods { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "")]
    public PrintInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var cls = Input.ClassId is { } id ? await db.Classes.FindAsync([id], ct) : null;
        if (cls is null)
        {
            ModelState.AddModelError("ClassId", "Оберіть клас.");
            return Page();
        }

        if (!user.MaySee(cls)) return Forbid();
        var (formatText, sectionText) = Input.Format?.Split('-', 2) is [var f, var s] ? (f, s) : (Input.Format, null);
        var format = JournalPrints.ParseFormat(formatText);
        var section = JournalPrints.ParseSection(sectionText);
        if (!format.IsSuccess || !section.IsSuccess)
        {
            ModelState.AddModelError("Format", "Оберіть формат зі списку.");
            return Page();
        }

        var file = await prints.ClassJournalAsync(cls.Id, Input.Period, format.Value, section.Value, ct: ct);
        if (!file.IsSuccess)
        {
            ModelState.AddModelError(file.Error.Code.StartsWith("period", StringComparison.Ordinal) ? "Period" : "ClassId", file.Error.Message);
            return Page();
        }

        return File(file.Value!.Content, file.Value.ContentType, file.Value.FileName);
    }

    /// <summary>A student's report (marks by subject, attendance) as PDF: for who may see the student's class.</summary>
    public async Task<IActionResult> OnGetReportAsync(Guid studentId, int? semester, CancellationToken ct)
    {
        var classes = await RosterQueries.ClassesOfStudentAsync(db, studentId, ct);
        if (classes.Count == 0) return NotFound();
        if (!classes.Any(user.MaySee)) return Forbid();
        var file = await reports.RenderAsync(studentId, semester, ct);
        if (!file.IsSuccess)
        {
            await LoadAsync(ct);
            ModelState.AddModelError("Report", file.Error.Message);
            return Page();
        }

        return File(file.Value!.Content, file.Value.ContentType, file.Value.FileName);
    }

    /// <summary>
    /// The свідоцтво досягнень (docs/rules.md N-8, N-21) as PDF: a class's in one file, or one student's; for who may see
    /// the class.
    /// </summary>
    public async Task<IActionResult> OnGetCertificateAsync(Guid classId, Guid? studentId, CancellationToken ct)
    {
        var cls = await db.Classes.FindAsync([classId], ct);
        if (cls is null) return NotFound();
        if (!user.MaySee(cls)) return Forbid();
        var file = await certificates.RenderAsync(classId, studentId, ct);
        if (!file.IsSuccess)
        {
            await LoadAsync(ct);
            ModelState.AddModelError("Report", file.Error.Message);
            return Page();
        }

        return File(file.Value!.Content, file.Value.ContentType, file.Value.FileName);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        Year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (Year is null) return;
        Classes = await RosterQueries.VisibleClassesAsync(db, Year.Id, user, ct);
        Periods = [("semester1", "І семестр"), ("semester2", "ІІ семестр"), ("year", "Навчальний рік")];
        for (var m = new DateOnly(Year.StartsOn.Year, Year.StartsOn.Month, 1); m <= Year.EndsOn; m = m.AddMonths(1))
            Periods.Add(($"{m:yyyy-MM}", $"{JournalPeriod.MonthNames[m.Month - 1]} {m.Year}"));
    }
}
