using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.ClassTeacher;

/// <summary>
/// "Результати року і свідоцтва" (docs/rules.md N-21, N-8): the class teacher's grid of a class of grade 1–2 — students ×
/// the expected outcomes of one educational field — with a verbal level per cell, written in the annual mark's window
/// through <see cref="LearningOutcomeService.SaveResultsAsync"/> (audited; it checks the rights and the window again).
/// For a class of any grade, the description of each student's learning activity (docs/rules.md N-8), printed on the
/// свідоцтво досягнень, saved through <see cref="LearningOutcomeService.SaveDescriptionAsync"/> (audited; class teacher of
/// the class, a deputy or the director); links to the students' свідоцтва.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class OutcomesModel(JournalDbContext db, PanelUser user, LearningOutcomeService outcomes, TimeProvider clock) : PageModel
{
    public sealed record Pupil(Guid Id, string Name);

    public List<SchoolClass> Classes { get; private set; } = [];
    public SchoolClass? Class { get; private set; }
    public SchoolYear? Year { get; private set; }
    public OutcomeSetup Setup { get; private set; } = OutcomeSetup.Empty;
    public EducationalField? Field { get; private set; }
    public List<Pupil> Students { get; private set; } = [];
    public Dictionary<(Guid Student, Guid Outcome), OutcomeLevel> Levels { get; private set; } = [];
    public DateWindow? Window { get; private set; }
    public bool Open { get; private set; }
    public Dictionary<Guid, string> Descriptions { get; private set; } = [];
    public int MaxDescription => CertificateDescription.MaxTextLength;

    public async Task<IActionResult> OnGetAsync(Guid? classId, Guid? field, CancellationToken ct)
    {
        if (await LoadAsync(classId, field, ct) is { } denied) return denied;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid classId, Guid field, [FromForm] Dictionary<string, string?> levels, CancellationToken ct)
    {
        if (await LoadAsync(classId, field, ct) is { } denied) return denied;
        if (Class is null || Field is null) return NotFound();
        var inputs = new List<OutcomeResultInput>();
        foreach (var (key, value) in levels)
        {
            if (key.Split('_') is not [var s, var o] || !Guid.TryParse(s, out var student) || !Guid.TryParse(o, out var outcome)) continue;
            var level = string.IsNullOrEmpty(value) ? null : OutcomeLevels.Parse(value);
            if (!string.IsNullOrEmpty(value) && level is null)
            {
                ModelState.AddModelError("", "Оберіть результат зі списку.");
                return Page();
            }

            inputs.Add(new OutcomeResultInput(student, outcome, level));
        }

        var result = await outcomes.SaveResultsAsync(user.Actor, Class.Id, inputs, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("", result.Error.Message);
            return Page();
        }

        TempData["Notice"] = result.Value == 0 ? "Змін немає." : $"Результати галузі «{Field.Name}» збережено (змінено записів: {result.Value}).";
        return RedirectToPage(new { classId = Class.Id, field = Field.Id });
    }

    public async Task<IActionResult> OnPostDescriptionAsync(Guid classId, Guid studentId, [FromForm] string? description, CancellationToken ct)
    {
        if (await LoadAsync(classId, null, ct) is { } denied) return denied;
        if (Class is null) return NotFound();
        var result = await outcomes.SaveDescriptionAsync(user.Actor, Class.Id, studentId, description, ct);
        if (!result.IsSuccess)
        {
            if (result.Error == LearningOutcomeService.DescriptionNotClassTeacher) return Forbid();
            ModelState.AddModelError("", result.Error.Message);
            return Page();
        }

        var name = Students.FirstOrDefault(p => p.Id == studentId)?.Name;
        TempData["Notice"] = result.Value ? $"Характеристику навчальної діяльності ({name}) збережено." : "Змін немає.";
        return RedirectToPage(new { classId = Class.Id });
    }

    private async Task<IActionResult?> LoadAsync(Guid? classId, Guid? fieldId, CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return null;
        Year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (Year is null) return null;
        Classes = await RosterQueries.VisibleClassesAsync(db, Year.Id, user, ct);
        if (classId is { } id)
        {
            var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (cls is null) return NotFound();
            if (!user.MaySee(cls)) return Forbid();
            Class = cls;
        }
        else Class = Classes.FirstOrDefault();

        Window = LearningOutcomeService.Window(Year, school);
        Open = Window.Contains(SchoolTime.Today(clock, school.TimeZone)) && !Year.IsClosed;
        if (Class is null) return null;
        if (Class.Grade <= 2)
        {
            Setup = await outcomes.ForYearAsync(school.Id, Class.SchoolYearId, ct);
            Field = Setup.Fields.FirstOrDefault(f => f.Id == fieldId) ?? Setup.Fields.FirstOrDefault();
        }

        var classKey = Class.Id;
        var yearEnd = Year.Semester2End;
        Students = (await db.Enrolments.AsNoTracking().Where(e => e.ClassId == classKey)
                .Join(db.Students, e => e.StudentId, s => s.Id, (e, s) => new { e.ListPosition, e.To, s.Id, s.SortKey, s.LastName, s.FirstName }).ToListAsync(ct))
            .Where(x => x.To is null || x.To >= yearEnd)
            .OrderBy(x => x.SortKey, StringComparer.Ordinal).Select(x => new Pupil(x.Id, $"{x.LastName} {x.FirstName}")).DistinctBy(p => p.Id).ToList();
        Levels = await outcomes.ResultsAsync(Class.Id, ct);
        Descriptions = await outcomes.DescriptionsAsync(Class.Id, ct);
        return null;
    }
}
