using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Grading;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Bot.Domain.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Setup;

/// <summary>
/// "Очікувані результати (1–2 класи)": the educational fields of a school year with their expected learning outcomes and
/// subjects (docs/rules.md N-20) — typical ones to start with, edited by the deputy or the director. The class teachers
/// give each student a level per outcome at the year's end on <c>/ClassTeacher/Outcomes</c> (N-21).
/// </summary>
[Authorize(Policy = Policies.Setup)]
public sealed class LearningOutcomesModel(JournalDbContext db, PanelUser user, TimeProvider clock, LearningOutcomeService outcomes) : SchoolPage(db, user, clock)
{
    public sealed class Row
    {
        public Guid? Id { get; set; }

        [Display(Name = "Порядок")] public int? Order { get; set; }

        [StringLength(LearningOutcome.MaxCodeLength, ErrorMessage = "Позначення — до 16 символів.")]
        public string? Code { get; set; }

        [StringLength(LearningOutcome.MaxTitleLength, ErrorMessage = "Опис — до 300 символів.")]
        public string? Title { get; set; }

        public bool Remove { get; set; }
    }

    public List<SchoolYear> Years { get; private set; } = [];
    public SchoolYear? Shown { get; private set; }
    public List<Subject> Subjects { get; private set; } = [];
    public OutcomeSetup Setup { get; private set; } = OutcomeSetup.Empty;

    /// <summary>The field being edited; <see cref="Adding"/> for a new one.</summary>
    public EducationalField? Editing { get; private set; }
    public bool Adding { get; private set; }

    [BindProperty] public string? FieldName { get; set; }
    [BindProperty] public int? FieldOrder { get; set; }
    [BindProperty] public List<Guid> FieldSubjects { get; set; } = [];
    public List<Row> Rows { get; set; } = [];

    public bool ReadOnly => Shown?.IsClosed != false;
    public bool Editor => !ReadOnly && (Editing is not null || Adding);

    public async Task<IActionResult> OnGetAsync(Guid? year, Guid? field, bool add, CancellationToken ct)
    {
        await LoadAsync(year, field, ct);
        Adding = add && Editing is null;
        if (Editing is not null)
        {
            FieldName = Editing.Name;
            FieldOrder = Editing.Number;
            FieldSubjects = Setup.Subjects[Editing.Id].ToList();
            Rows = Setup.Outcomes[Editing.Id].Select(o => new Row { Id = o.Id, Order = o.Number, Code = o.Code, Title = o.Title }).ToList();
        }

        if (Editor) Rows.Add(new Row { Order = Rows.Count + 1 });
        return Page();
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostSaveAsync(Guid? year, Guid? field, [FromForm(Name = nameof(Rows))] List<Row> rows, CancellationToken ct)
    {
        await LoadAsync(year, field, ct);
        Rows = rows;
        Adding = field is null;
        if (School is null || Shown is null || (field is not null && Editing is null)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var input = rows.Select((r, i) => (Row: r, Index: i)).Where(x => !x.Row.Remove)
            .OrderBy(x => x.Row.Order ?? int.MaxValue).ThenBy(x => x.Index)
            .Select(x => new LearningOutcomeInput(x.Row.Id, x.Row.Code, x.Row.Title)).ToList();
        var result = await outcomes.SaveFieldAsync(User2.Actor, School.Id, Shown.Id, field, FieldName, FieldOrder, FieldSubjects, input, ct);
        return Done(result, $"Освітню галузь «{FieldName?.Trim()}» на {Shown.Title} збережено.", "", new { year = Shown.Id, field = result.Value?.Id });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostSeedAsync(Guid? year, CancellationToken ct)
    {
        await LoadAsync(year, null, ct);
        if (School is null || Shown is null) return NotFound();
        var result = await outcomes.SeedDefaultsAsync(User2.Actor, School.Id, Shown.Id, ct);
        return Done(result, result.Value == 0
            ? "Усі типові освітні галузі вже є в цьому році."
            : $"Типові освітні галузі з очікуваними результатами додано: {result.Value}. Їх можна змінити.", "", new { year = Shown.Id });
    }

    private async Task LoadAsync(Guid? yearId, Guid? fieldId, CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null) return;
        Years = (await Db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == School.Id).ToListAsync(ct)).OrderByDescending(y => y.Semester1Start).ToList();
        Shown = Years.FirstOrDefault(y => y.Id == yearId) ?? Year;
        if (Shown is null) return;
        Subjects = (await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id && s.Kind != SubjectKind.Optional).ToListAsync(ct))
            .OrderBy(s => UkrainianText.SortKey(s.Name), StringComparer.Ordinal).ToList();
        Setup = await outcomes.ForYearAsync(School.Id, Shown.Id, ct);
        Editing = fieldId is { } id ? Setup.Fields.FirstOrDefault(f => f.Id == id) : null;
    }
}
