using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Diary;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.ClassTeacher;

/// <summary>
/// The class teacher's sections of the journal (J-2) for one class: the attendance summary by month or semester,
/// excursions and practice (J-11), safety briefings per student with the absent-on-the-day case (J-12), the class's
/// elective and optional course pages (J-10), and parents' consent (seed 002, 3.2). Writes go through
/// <see cref="ClassLogService"/> (audited; it checks the class teacher's rights again).
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, DiaryQueries diary, ClassLogService logs, TimeProvider clock) : PageModel
{
    public sealed class ExcursionForm
    {
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Дата")] public DateOnly? Date { get; set; }
        [Required(ErrorMessage = "Вкажіть форму (екскурсія, навчальна практика…).")] [StringLength(100, ErrorMessage = "Форма — до 100 символів.")] [Display(Name = "Форма")] public string? Form { get; set; }
        [Required(ErrorMessage = "Вкажіть тему.")] [StringLength(300, ErrorMessage = "Тема — до 300 символів.")] [Display(Name = "Тема")] public string? Topic { get; set; }
        [Display(Name = "Предмет")] public Guid? SubjectId { get; set; }
        [Required(ErrorMessage = "Оберіть учителя.")] [Display(Name = "Учитель")] public Guid? TeacherId { get; set; }
    }

    public sealed class BriefingForm
    {
        [Display(Name = "Вид")] public BriefingKind Kind { get; set; } = BriefingKind.Talk;
        [Required(ErrorMessage = "Вкажіть тему інструктажу.")] [StringLength(300, ErrorMessage = "Тема — до 300 символів.")] [Display(Name = "Тема")] public string? Topic { get; set; }
        [Required(ErrorMessage = "Вкажіть дату.")] [Display(Name = "Дата (з класом)")] public DateOnly? Date { get; set; }
        [Display(Name = "Відсутні того дня")] public List<Guid> Absent { get; set; } = [];
        [Display(Name = "Проведено з відсутніми")] public DateOnly? HeldLater { get; set; }
    }

    public sealed record GuardianConsent(Guid GuardianId, string Guardian, string Children, DateOnly? GivenOn, DateOnly? WithdrawnOn,
        Bot.Domain.Audit.Channel? GivenIn = null)
    {
        public bool InForce(DateOnly today) => GivenOn is { } g && g <= today && (WithdrawnOn is null || WithdrawnOn > today);
    }

    /// <summary>Guardians of the class without a consent in force today: nothing is sent to them (ADR 0035).</summary>
    public int WithoutConsent => Consents.Count(c => !c.InForce(Today));

    public sealed record CoursePage(Guid SubjectId, Guid? GroupId, string Title, SubjectKind Kind);

    public List<SchoolClass> MyClasses { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public SchoolYear? Year { get; private set; }
    public DateOnly Today { get; private set; }
    public string Period { get; private set; } = "";
    public string PeriodTitle { get; private set; } = "";
    public ClassAttendance? Attendance { get; private set; }
    public List<(string Value, string Title)> Periods { get; private set; } = [];
    public List<ExcursionEntry> Excursions { get; private set; } = [];
    public List<SafetyBriefing> Briefings { get; private set; } = [];
    public List<ClassListEntry> Students { get; private set; } = [];
    public List<CoursePage> Courses { get; private set; } = [];
    public List<GuardianConsent> Consents { get; private set; } = [];

    /// <summary>Parents' reports that a child is away (the bot's /absent), the last two weeks: the class teacher sees them here even without the bot.</summary>
    public List<Bot.Domain.Attendance.AbsenceNotice> AbsenceNotices { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public List<Staff> Teachers { get; private set; } = [];
    public List<Subject> Subjects { get; private set; } = [];
    public ExcursionForm Excursion { get; set; } = new();
    public BriefingForm Briefing { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid? classId, string? period, CancellationToken ct)
    {
        var found = await LoadAsync(classId, period, ct);
        if (found is not null) return found;
        Excursion.Date = Briefing.Date = Today;
        Excursion.TeacherId = user.StaffId;
        return Page();
    }

    public async Task<IActionResult> OnPostExcursionAsync(Guid classId, [FromForm(Name = nameof(Excursion))] ExcursionForm excursion, CancellationToken ct)
    {
        var found = await LoadAsync(classId, null, ct);
        if (found is not null) return found;
        Excursion = excursion;
        if (!ModelState.IsValid) return Page();
        var result = await logs.AddExcursionAsync(user.Actor, classId, excursion.Date!.Value, excursion.Form!, excursion.Topic!, excursion.SubjectId, excursion.TeacherId!.Value, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("Excursion.Date", result.Error!.Message);
            return Page();
        }

        TempData["Notice"] = "Запис про екскурсію чи практику додано.";
        return RedirectToPage(new { classId });
    }

    public async Task<IActionResult> OnPostBriefingAsync(Guid classId, [FromForm(Name = nameof(Briefing))] BriefingForm briefing, CancellationToken ct)
    {
        var found = await LoadAsync(classId, null, ct);
        if (found is not null) return found;
        Briefing = briefing;
        if (briefing.Absent.Count > 0 && briefing.HeldLater is null)
            ModelState.AddModelError("Briefing.HeldLater", "Вкажіть, коли інструктаж провели з відсутніми.");
        if (briefing.HeldLater is { } later && briefing.Date is { } d && later < d)
            ModelState.AddModelError("Briefing.HeldLater", "З відсутніми інструктаж проводять після дня, коли його провели з класом.");
        if (!ModelState.IsValid) return Page();
        var heldLater = briefing.Absent.Distinct().ToDictionary(id => id, _ => briefing.HeldLater!.Value);
        var result = await logs.RecordBriefingAsync(user.Actor, classId, briefing.Kind, briefing.Topic!, briefing.Date!.Value, heldLater, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("Briefing.Topic", result.Error!.Message);
            return Page();
        }

        TempData["Notice"] = $"Інструктаж записано: {result.Value!.Count} учнів.";
        return RedirectToPage(new { classId });
    }

    private async Task<IActionResult?> LoadAsync(Guid? classId, string? period, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return NotFound();
        Today = SchoolTime.Today(clock, school.TimeZone);
        Year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (Year is null) return NotFound();
        MyClasses = await RosterQueries.VisibleClassesAsync(db, Year.Id, user, ct);
        if (classId is { } id)
        {
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (cls is null) return NotFound();
            if (!user.MaySee(cls)) return Forbid();
            Class = cls;
            Year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, ct);
        }
        else if (MyClasses.Count == 1)
        {
            Class = MyClasses[0];
        }

        if (Class is null) return null;
        await LoadClassAsync(Class, Year, period, ct);
        return null;
    }

    private async Task LoadClassAsync(SchoolClass cls, SchoolYear year, string? period, CancellationToken ct)
    {
        // a month ("2026-11") or a semester ("s1", "s2"); the current month by default.
        Periods = [("s1", "І семестр"), ("s2", "ІІ семестр")];
        for (var m = new DateOnly(year.StartsOn.Year, year.StartsOn.Month, 1); m <= year.EndsOn && m <= Today; m = m.AddMonths(1))
            Periods.Add((m.ToString("yyyy-MM"), m.ToString("MMMM yyyy", new System.Globalization.CultureInfo("uk-UA"))));
        Period = period is not null && Periods.Any(p => p.Value == period) ? period : Today.ToString("yyyy-MM");
        PeriodTitle = Periods.FirstOrDefault(p => p.Value == Period).Title ?? Period;
        var (from, to) = Period switch
        {
            "s1" => (year.Semester1Start, year.Semester1End),
            "s2" => (year.Semester2Start, year.Semester2End),
            _ => (DateOnly.ParseExact(Period + "-01", "yyyy-MM-dd"), DateOnly.ParseExact(Period + "-01", "yyyy-MM-dd").AddMonths(1).AddDays(-1)),
        };
        if (to > Today) to = Today;
        if (from <= to) Attendance = (await diary.ClassAttendanceAsync(cls.Id, from, to, ct)).Value;

        Students = (await ClassList.LoadAsync(db, [cls.Id], Today, Today, ct: ct)).ToList();
        Excursions = await db.Excursions.AsNoTracking().Where(e => e.ClassId == cls.Id && e.Date >= year.StartsOn && e.Date <= year.EndsOn).OrderByDescending(e => e.Date).ToListAsync(ct);
        Briefings = await db.SafetyBriefings.AsNoTracking().Where(b => b.ClassId == cls.Id && b.ClassDate >= year.StartsOn && b.ClassDate <= year.EndsOn)
            .OrderByDescending(b => b.ClassDate).ToListAsync(ct);
        var studentIds = Briefings.Select(b => b.StudentId).Concat(Students.Select(s => s.StudentId)).Distinct().ToList();
        Names = (await db.Students.AsNoTracking().Where(s => studentIds.Contains(s.Id)).ToListAsync(ct)).ToDictionary(s => s.Id, s => s.FullName);
        Teachers = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == cls.SchoolId && s.DeactivatedOn == null).ToListAsync(ct)).OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        Subjects = (await db.Subjects.AsNoTracking().Where(s => s.SchoolId == cls.SchoolId).ToListAsync(ct)).OrderBy(s => s.Name, Bot.Domain.Text.UkrainianText.Comparer).ToList();

        // J-10: the class's elective and optional course pages.
        var assignments = await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == cls.Id).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().Where(g => g.ClassId == cls.Id).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        Courses = assignments.Join(Subjects.Where(s => s.Kind != SubjectKind.Regular), a => a.SubjectId, s => s.Id,
                (a, s) => new CoursePage(s.Id, a.GroupId, ClassGroup.PageTitle(s.Name, a.GroupId is { } g ? groups.GetValueOrDefault(g) : null), s.Kind))
            .DistinctBy(c => (c.SubjectId, c.GroupId)).ToList();

        // Seed 002, 3.2: each guardian of the class's students and their consent.
        var ids = Students.Select(s => s.StudentId).ToList();
        var since = Today.AddDays(-14);
        AbsenceNotices = (await db.AbsenceNotices.AsNoTracking().Where(n => ids.Contains(n.StudentId) && n.Date >= since).ToListAsync(ct))
            .OrderByDescending(n => n.Date).ThenByDescending(n => n.CreatedAtUtc).ToList();
        var links = await db.GuardianStudents.AsNoTracking().Where(l => ids.Contains(l.StudentId)).ToListAsync(ct);
        var guardianIds = links.Select(l => l.GuardianId).Distinct().ToList();
        var guardians = await db.Guardians.AsNoTracking().Where(g => guardianIds.Contains(g.Id)).ToListAsync(ct);
        var consents = (await db.Consents.AsNoTracking().Where(c => guardianIds.Contains(c.GuardianId)).ToListAsync(ct))
            .GroupBy(c => c.GuardianId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.GivenOn).First());
        Consents = guardians.Select(g => new GuardianConsent(g.Id, g.FullName,
                string.Join(", ", links.Where(l => l.GuardianId == g.Id).Select(l => Names.GetValueOrDefault(l.StudentId, ""))),
                consents.GetValueOrDefault(g.Id)?.GivenOn, consents.GetValueOrDefault(g.Id)?.WithdrawnOn, consents.GetValueOrDefault(g.Id)?.GivenIn))
            .OrderBy(c => c.InForce(Today)).ThenBy(c => c.Children, Bot.Domain.Text.UkrainianText.Comparer).ToList();
    }
}
