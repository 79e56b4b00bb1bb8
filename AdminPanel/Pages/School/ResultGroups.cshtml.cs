using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using AdminPanel.Pages.Roster;
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
/// "Групи результатів": the НУШ assessment of a school year (N-1, N-5, N-6, N-9) — each subject's ordered groups of
/// learning outcomes (typical ones from the model programmes to start with, edited by the deputy or the director), the
/// year's НУШ classes (their flag is set on the class's page) and whether НУШ classes keep "Тематична".
/// </summary>
[Authorize(Policy = Policies.Setup)]
public sealed class ResultGroupsModel(JournalDbContext db, PanelUser user, TimeProvider clock, ResultGroupService groups) : SchoolPage(db, user, clock)
{
    public sealed class Row
    {
        public Guid? Id { get; set; }

        [Display(Name = "Порядок")] public int? Order { get; set; }

        [StringLength(ResultGroup.MaxCodeLength, ErrorMessage = "Позначення — до 16 символів.")] [Display(Name = "Позначення")]
        public string? Code { get; set; }

        [StringLength(ResultGroup.MaxTitleLength, ErrorMessage = "Назва — до 300 символів.")] [Display(Name = "Назва групи результатів")]
        public string? Title { get; set; }

        [Display(Name = "Вилучити")] public bool Remove { get; set; }
    }

    public List<SchoolYear> Years { get; private set; } = [];
    public SchoolYear? Shown { get; private set; }
    public List<Subject> Subjects { get; private set; } = [];
    public ILookup<Guid, ResultGroup> Groups { get; private set; } = Enumerable.Empty<ResultGroup>().ToLookup(g => g.SubjectId);
    public List<SchoolClass> NusClasses { get; private set; } = [];
    public Subject? Editing { get; private set; }
    public List<Row> Rows { get; set; } = [];

    public bool ReadOnly => Shown?.IsClosed != false;

    public async Task<IActionResult> OnGetAsync(Guid? year, Guid? subject, CancellationToken ct)
    {
        await LoadAsync(year, subject, ct);
        if (Editing is not null) Rows = RowsOf(Editing.Id);
        return Page();
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostSaveAsync(Guid? year, Guid subject, [FromForm(Name = nameof(Rows))] List<Row> rows, CancellationToken ct)
    {
        await LoadAsync(year, subject, ct);
        Rows = rows;
        if (School is null || Shown is null || Editing is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var input = rows.Select((r, i) => (Row: r, Index: i)).Where(x => !x.Row.Remove)
            .OrderBy(x => x.Row.Order ?? int.MaxValue).ThenBy(x => x.Index)
            .Select(x => new ResultGroupInput(x.Row.Id, x.Row.Code, x.Row.Title)).ToList();
        var result = await groups.SaveAsync(User2.Actor, School.Id, Shown.Id, Editing.Id, input, ct);
        return Done(result, $"Групи результатів предмета «{Editing.Name}» на {Shown.Title} збережено.", "", new { year = Shown.Id, subject = Editing.Id });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostSeedAsync(Guid? year, CancellationToken ct)
    {
        await LoadAsync(year, null, ct);
        if (School is null || Shown is null) return NotFound();
        var result = await groups.SeedDefaultsAsync(User2.Actor, School.Id, Shown.Id, ct);
        return Done(result, result.Value == 0
            ? "Усі предмети, для яких є типові групи результатів, уже мають свої."
            : $"Типові групи результатів додано для предметів: {result.Value}. Їх можна змінити.", "", new { year = Shown.Id });
    }

    [HandlerPolicy(Policies.Setup)]
    public async Task<IActionResult> OnPostThematicAsync(Guid? year, bool nusThematic, CancellationToken ct)
    {
        await LoadAsync(year, null, ct);
        if (School is null) return NotFound();
        var result = await groups.SetNusThematicAsync(User2.Actor, School.Id, nusThematic, ct);
        return Done(result, nusThematic ? "У класах НУШ тематичні оцінки ставлять." : "У класах НУШ тематичних оцінок не ставлять.", "", new { year = Shown?.Id });
    }

    private List<Row> RowsOf(Guid subjectId)
    {
        var rows = Groups[subjectId].Select(g => new Row { Id = g.Id, Order = g.Number, Code = g.Code, Title = g.Title }).ToList();
        var next = rows.Count + 1;
        rows.Add(new Row { Order = next, Code = ResultGroupCatalogue.CodeOf(next) });
        return rows;
    }

    private async Task LoadAsync(Guid? yearId, Guid? subjectId, CancellationToken ct)
    {
        await LoadSchoolAsync(ct);
        if (School is null) return;
        Years = (await Db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == School.Id).ToListAsync(ct)).OrderByDescending(y => y.Semester1Start).ToList();
        Shown = Years.FirstOrDefault(y => y.Id == yearId) ?? Year;
        if (Shown is null) return;
        Subjects = (await Db.Subjects.AsNoTracking().Where(s => s.SchoolId == School.Id && s.Kind != SubjectKind.Optional).ToListAsync(ct))
            .OrderBy(s => UkrainianText.SortKey(s.Name), StringComparer.Ordinal).ToList();
        Groups = await groups.ForYearAsync(School.Id, Shown.Id, ct);
        NusClasses = (await RosterQueries.ClassesAsync(Db, Shown.Id, ct)).Where(c => c.AssessedByResultGroups).ToList();
        Editing = subjectId is { } id ? Subjects.FirstOrDefault(s => s.Id == id) : null;
    }
}
