using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Roster;

/// <summary>
/// A class list in the journal's order (J-4): the list at the start of the year alphabetically, then the students who
/// arrived later in order of arrival; leavers stay on it, marked. The administration admits a new student here.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class ClassModel(JournalDbContext db, PanelUser user, RosterService roster, StaffService staffService, TimeProvider clock,
    Bot.Domain.Grading.ResultGroupService nus) : PageModel
{
    public SchoolClass Class { get; private set; } = null!;
    public SchoolYear Year { get; private set; } = null!;
    public string? ClassTeacher { get; private set; }
    public DateOnly Today { get; private set; }
    public List<ClassListEntry> Students { get; private set; } = [];
    public Dictionary<Guid, int> GuardianCounts { get; private set; } = [];
    public Dictionary<Guid, DateOnly?> BirthDates { get; private set; } = [];
    public AdmitInput Admit { get; set; } = new();
    public List<Staff> StaffList { get; private set; } = [];
    public bool MayChange => user.IsAdministration;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        Admit.From = Today;
        return Page();
    }

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostAdmitAsync(Guid id, [FromForm(Name = nameof(Admit))] AdmitInput admit, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        Admit = admit;
        if (!ModelState.IsValid) return Page();
        var result = await roster.AdmitAsync(user.Actor, id,
            new NewStudent(admit.LastName, admit.FirstName, admit.MiddleName, admit.BirthDate, admit.Sex), admit.From!.Value, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError(result.Error.Code.StartsWith("person", StringComparison.Ordinal) ? "Admit.LastName" : "Admit.From", result.Error.Message);
            return Page();
        }

        TempData["Notice"] = $"{result.Value!.FullName} — у списку {Class.Name}.";
        return RedirectToPage(new { id });
    }

    /// <summary>The class teacher (J-4's class list is theirs to keep: consents, summaries); they get the role if they lacked it.</summary>
    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostClassTeacherAsync(Guid id, Guid? staffId, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        var result = await staffService.AssignClassTeacherAsync(user.Actor, id, staffId, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("staffId", result.Error.Message);
            return Page();
        }

        TempData["Notice"] = "Класного керівника змінено.";
        return RedirectToPage(new { id });
    }

    /// <summary>N-1: whether the class is an НУШ class (assessed by groups of learning outcomes) is the administration's setting.</summary>
    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostNusAsync(Guid id, bool isNus, CancellationToken ct)
    {
        var found = await LoadAsync(id, ct);
        if (found is not null) return found;
        var result = await nus.SetClassNusAsync(user.Actor, id, isNus, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("isNus", result.Error.Message);
            return Page();
        }

        TempData["Notice"] = isNus ? $"{Class.Name} — клас НУШ: предмети оцінюють за групами результатів." : $"{Class.Name} більше не позначено як клас НУШ.";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (cls is null) return NotFound();
        if (!user.MaySee(cls)) return Forbid();
        Class = cls;
        Year = await db.SchoolYears.AsNoTracking().FirstAsync(y => y.Id == cls.SchoolYearId, ct);
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == cls.SchoolId, ct);
        Today = SchoolTime.Today(clock, school.TimeZone);
        ClassTeacher = cls.ClassTeacherId is { } t ? (await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == t, ct))?.FullName : null;
        if (user.IsAdministration)
            StaffList = (await db.Staff.AsNoTracking().Where(s => s.SchoolId == cls.SchoolId && s.DeactivatedOn == null).ToListAsync(ct))
                .OrderBy(s => s.SortKey, StringComparer.Ordinal).ToList();
        Students = await ClassList.LoadAsync(db, [cls.Id], Year.StartsOn, Year.EndsOn, ct: ct);
        var ids = Students.Select(s => s.StudentId).ToList();
        BirthDates = await db.Students.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.BirthDate, ct);
        GuardianCounts = await db.GuardianStudents.AsNoTracking().Where(l => ids.Contains(l.StudentId)).GroupBy(l => l.StudentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return null;
    }
}
