using AdminPanel.Access;
using Bot.Domain.Grading;
using Bot.Domain.Journal;
using Bot.Domain.Journal.Grid;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Journal;

/// <summary>
/// The web journal grid of a class × subject (× group): students in rows (J-4), lesson dates and dateless columns
/// across (M-3). Cells are saved one at a time through <see cref="JournalService"/> (channel = web) without reloading
/// the page; lessons are recorded beside the grid (J-6..J-9). Who opens a page: <see cref="JournalAccess"/>.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class GridModel(JournalDbContext db, PanelUser user, JournalGridQuery query, JournalService journal, CalendarPlanService plans) : PageModel
{
    public JournalGrid Grid { get; private set; } = null!;

    public LessonForm Lesson { get; set; } = new();

    /// <summary>The dateless columns the teacher may open (M-3): speech activities by subject, notebook, by heart, thematic.</summary>
    public IReadOnlyList<MarkColumn> OpenableColumns { get; private set; } = [];

    public bool IsAdministration => user.IsAdministration;

    /// <summary>The page's teacher or the administration: records lessons and opens columns; a class teacher only flips н↔хв here.</summary>
    public bool MayWrite { get; private set; }

    /// <summary>Open remarks on this journal (J-13), seen by its teacher and the administration.</summary>
    public List<string> OpenRemarks { get; private set; } = [];

    /// <summary>The class teacher of this class: sees parents' reports and turns "н" into "хв" .</summary>
    public bool IsClassTeacher { get; private set; }

    /// <summary>The lesson the page opens at: its date and number; the grid scrolls to that column, or to the latest before it.</summary>
    public DateOnly FocusDate { get; private set; }
    public int? FocusSlot { get; private set; }

    /// <summary>Whether the first cell of the focused column takes the keyboard's focus as the page opens (not after a refused form).</summary>
    public bool FocusCell { get; private set; }

    /// <summary>
    /// Not the page's teacher but its substitute for some lessons (J-9): the lesson form is set to the latest of them up to
    /// today, no other column opens, and the journal lets them write those lessons only.
    /// </summary>
    public bool SubstituteOnly { get; private set; }

    /// <summary>The plan's next topic, offered for today's lesson while it has none (docs/decisions/0050-calendar-plan.md).</summary>
    public PlannedTopic? Planned { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid classId, Guid subjectId, Guid? groupId, GridPeriod? period, MarkColumn? add, DateOnly? at,
        DateOnly? on, int? slot, CancellationToken ct)
    {
        var loaded = await LoadAsync(classId, subjectId, groupId, period, add is { } c ? [(c, at ?? default)] : null, ct);
        if (loaded is not null) return loaded;
        Lesson.Date = Grid.Today;
        Lesson.Slot = await TimetableSlotAsync(ct) ?? 1;
        FocusCell = true;
        if (SubstituteOnly)
        {
            var stands = (await JournalAccess.SubstitutionsAsync(db, user, Grid.Class, subjectId, groupId, ct)).Where(x => x.Date <= Grid.Today).ToList();
            if (stands.Count > 0) (Lesson.Date, Lesson.Slot, FocusDate) = (stands[^1].Date, stands[^1].Slot, stands[^1].Date);
        }

        if (MayWrite && !SubstituteOnly && !Grid.Lessons.Any(l => l.Date == Grid.Today && l.Slot == Lesson.Slot && l.Topic.Length > 0))
            Planned = await plans.NextAsync(classId, subjectId, groupId, ct);
        if (on is { } day && day <= Grid.Today)
        {
            FocusDate = day;
            FocusSlot = slot;
            // A lesson held by the timetable and not yet recorded (from the today page): the form is set to it (J-7 lets it be recorded late, never early).
            if (slot is { } n && n is >= 1 and <= 12 && !Grid.Lessons.Any(l => l.Date == day && l.Slot == n)) (Lesson.Date, Lesson.Slot) = (day, n);
        }

        return Page();
    }

    /// <summary>Saves one cell; answers JSON: the cell's text as saved, or the journal's refusal in Ukrainian (422).</summary>
    public async Task<IActionResult> OnPostCellAsync(Guid classId, Guid subjectId, Guid? groupId, [FromForm] CellInputForm cell, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return NotFound();
        if (!await JournalAccess.MayOpenAsync(db, user, cls, subjectId, groupId, ct)) return Forbid();
        if (!ModelState.IsValid || cell.StudentId == Guid.Empty)
            return Refusal("input", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault() ?? "Неповний запит.", 400);

        var result = await journal.SetCellAsync(user.Actor, new CellInput(cell.StudentId, classId, subjectId, cell.Column, cell.Text,
            cell.LessonId, groupId, MarkColumns.IsFinal(cell.Column) || MarkColumns.IsResultGroup(cell.Column) || cell.Column == MarkColumn.Current ? null : cell.Date,
            Reason: cell.Reason, ResultGroupId: cell.ResultGroupId, SourceNote: cell.SourceNote), ct);
        if (!result.IsSuccess) return Refusal(result.Error!.Code, result.Error.Message, StatusCodes.Status422UnprocessableEntity);
        var change = result.Value!;
        return new JsonResult(new { ok = true, text = change.NewValue ?? "", absence = change.Absence is not null, outcome = change.Outcome.ToString(), source = change.Mark?.SourceNote });
    }

    /// <summary>Records a lesson (or changes the record of the same date and slot): J-6 numbering, J-7 not in advance, J-8, J-9.</summary>
    public async Task<IActionResult> OnPostLessonAsync(Guid classId, Guid subjectId, Guid? groupId, [FromForm(Name = nameof(Lesson))] LessonForm lesson, CancellationToken ct)
    {
        var loaded = await LoadAsync(classId, subjectId, groupId, null, null, ct);
        if (loaded is not null) return loaded;
        Lesson = lesson;
        // A substitute writes the lessons the administration gave them, never "any lesson as a substitute" of this page.
        if (SubstituteOnly) Lesson.AsSubstitute = false;
        if (!ModelState.IsValid) return Page();
        var result = await journal.RecordLessonAsync(user.Actor, new LessonInput(classId, subjectId, groupId, Lesson.Date!.Value, Lesson.Slot,
            Lesson.Topic, Lesson.ThemeTitle, Lesson.Homework, Lesson.AsSubstitute, Lesson.Reason), ct: ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError(FieldOf(result.Error!), result.Error!.Message);
            return Page();
        }

        TempData["Notice"] = $"Урок {result.Value!.Date:dd.MM.yyyy} (№{result.Value.Number}) записано.";
        return RedirectToPage(new { classId, subjectId, groupId });
    }

    /// <summary>
    /// Records the plan's line <paramref name="number"/> as the topic of today's lesson <paramref name="slot"/>: always today,
    /// the school's day by the server (J-7: a topic is never written ahead), through the journal's own checks.
    /// </summary>
    public async Task<IActionResult> OnPostPlanTopicAsync(Guid classId, Guid subjectId, Guid? groupId, int number, int slot, CancellationToken ct)
    {
        var loaded = await LoadAsync(classId, subjectId, groupId, null, null, ct);
        if (loaded is not null) return loaded;
        Lesson.Date = Grid.Today;
        Lesson.Slot = slot is >= 1 and <= 12 ? slot : 1;
        var result = await plans.AcceptAsync(user.Actor, classId, subjectId, groupId, Grid.Today, Lesson.Slot, number, ct: ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError(FieldOf(result.Error!), result.Error!.Message);
            return Page();
        }

        TempData["Notice"] = $"Урок {result.Value!.Date:dd.MM.yyyy} (№{result.Value.Number}) записано: {result.Value.Topic}.";
        return RedirectToPage(new { classId, subjectId, groupId });
    }

    /// <summary>This page's address (the path base included), with a handler or a period.</summary>
    public string PageUrl(string? handler = null, GridPeriod? period = null)
    {
        var path = $"{Request.PathBase}/Journal/Grid/{Grid.Class.Id}/{Grid.Subject.Id}" + (Grid.Group is { } group ? $"/{group.Id}" : "");
        return handler is not null ? $"{path}?handler={handler}" : period is { } p ? $"{path}?period={p}" : path;
    }

    private JsonResult Refusal(string code, string message, int status) =>
        new(new { ok = false, code, error = message }) { StatusCode = status };

    private static string FieldOf(Bot.Domain.DomainError error) => error.Code switch
    {
        var c when c.StartsWith("homework", StringComparison.Ordinal) => "Lesson.Homework",
        "auth.reason_required" => "Lesson.Reason",
        var c when c.StartsWith("lesson", StringComparison.Ordinal) => "Lesson.Date",
        _ => "Lesson",
    };

    private async Task<IActionResult?> LoadAsync(Guid classId, Guid subjectId, Guid? groupId, GridPeriod? period,
        IReadOnlyList<(MarkColumn, DateOnly)>? extra, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == classId, ct);
        if (cls is null) return NotFound();
        if (!await JournalAccess.MayOpenAsync(db, user, cls, subjectId, groupId, ct)) return Forbid();
        if (extra is [var (_, d)] && d == default) extra = null;
        var grid = await query.LoadAsync(classId, subjectId, groupId, period, extra, ct);
        if (grid is null) return NotFound();
        Grid = grid;
        FocusDate = grid.Today;
        IsClassTeacher = user.StaffId is { } me && cls.ClassTeacherId == me;
        // A closed year is read-only (J-14): no lesson form, no new columns; the page says why.
        MayWrite = !grid.Year.IsClosed && (user.IsAdministration || await JournalAccess.TeachesAsync(db, user, cls, subjectId, groupId, ct));
        if (!MayWrite && !grid.Year.IsClosed && (await JournalAccess.SubstitutionsAsync(db, user, cls, subjectId, groupId, ct)).Count > 0)
            (MayWrite, SubstituteOnly) = (true, true);
        OpenRemarks = await db.Remarks.AsNoTracking().Where(r => r.ClassId == classId && r.SubjectId == subjectId && r.Response == null)
            .OrderBy(r => r.WrittenOn).Select(r => r.Text).ToListAsync(ct);
        var traits = grid.Subject.Traits;
        OpenableColumns = grid.TakesMarks && !SubstituteOnly
            ? new[] { MarkColumn.Thematic, MarkColumn.Notebook, MarkColumn.ByHeart }
                .Concat(traits.IsLanguageOrLiterature ? [MarkColumn.Dialogue, MarkColumn.OralEssay, MarkColumn.OralRetelling, MarkColumn.ReadingAloud] : [])
                .Concat(traits.IsForeignLanguage ? [MarkColumn.Listening, MarkColumn.Reading, MarkColumn.Writing, MarkColumn.Speaking] : [])
                .Where(c => c != MarkColumn.Thematic || (!Bot.Domain.Grading.GradeScales.IsPrimary(cls.Grade) && grid.ThematicAllowed))
                // M-1, N-13: a primary grade opens no column the journal would refuse (no "Зошит", "Напам'ять" there).
                .Where(c => Bot.Domain.Grading.CellParser.ColumnTakesMarks(cls.Grade, c, traits))
                .ToList()
            : [];
        return null;
    }

    /// <summary>The lesson's place in today's timetable, when the page has one today.</summary>
    private async Task<int?> TimetableSlotAsync(CancellationToken ct)
    {
        var day = Grid.Today.DayOfWeek;
        var entries = await db.Timetable.AsNoTracking()
            .Where(t => t.ClassId == Grid.Class.Id && t.SubjectId == Grid.Subject.Id && t.Day == day).ToListAsync(ct);
        return entries.Where(t => t.AppliesOn(Grid.Today) && (t.GroupId == null || t.GroupId == Grid.Group?.Id))
            .Select(t => (int?)t.LessonNumber).Min();
    }
}
