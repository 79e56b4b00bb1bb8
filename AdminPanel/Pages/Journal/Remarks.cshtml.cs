using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using AdminPanel.Pages.Roster;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Journal;

/// <summary>
/// "Зауваження до ведення класного журналу" (J-13): a deputy or the director writes a remark on a journal (class ×
/// subject), addressed to its teacher (the class teacher for the class's own sections); the teacher answers
/// "Виконано", "Взято до уваги" or "Ознайомлена(ий)", dated. Open remarks are seen by both. Writes go through
/// <see cref="ClassLogService"/> (audited).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RemarksModel(JournalDbContext db, PanelUser user, ClassLogService logs, TimeProvider clock) : PageModel
{
    public sealed record Row(Remark Remark, string ClassName, string? Subject, string Author, string? Addressee, bool MayAnswer);

    public sealed class RemarkForm
    {
        [Required(ErrorMessage = "Оберіть клас.")]
        [Display(Name = "Клас")]
        public Guid? ClassId { get; set; }

        [Display(Name = "Предмет (журнал)")]
        public Guid? SubjectId { get; set; }

        [Required(ErrorMessage = "Напишіть зауваження.")]
        [StringLength(2000, ErrorMessage = "Зауваження — до 2000 символів.")]
        [Display(Name = "Зауваження")]
        public string? Text { get; set; }
    }

    public RemarkForm Input { get; set; } = new();
    public List<Row> Rows { get; private set; } = [];
    public List<SchoolClass> Classes { get; private set; } = [];
    public List<Subject> Subjects { get; private set; } = [];
    public bool MayWrite => user.IsAdministration;

    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public async Task OnGetAsync(Guid? classId, Guid? subjectId, CancellationToken ct)
    {
        Input.ClassId = classId;
        Input.SubjectId = subjectId;
        await LoadAsync(ct);
    }

    [HandlerPolicy(Policies.Control)]
    public async Task<IActionResult> OnPostWriteAsync([FromForm(Name = nameof(Input))] RemarkForm input, CancellationToken ct)
    {
        Input = input;
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var cls = await db.Classes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.ClassId, ct);
        if (cls is null || (user.StaffSchoolId is { } own && own != cls.SchoolId)) return NotFound();
        // The journal's teacher answers a remark on a subject's page; the class teacher one on the class's own sections.
        Guid? addressee = input.SubjectId is { } subjectId
            ? await db.TeachingAssignments.AsNoTracking().Where(a => a.ClassId == cls.Id && a.SubjectId == subjectId).Select(a => (Guid?)a.TeacherId).FirstOrDefaultAsync(ct)
            : null;
        var result = await logs.WriteRemarkAsync(user.Actor, cls.Id, input.SubjectId, addressee, input.Text!, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError("Input.Text", result.Error!.Message);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"Зауваження до журналу {cls.Name} записано.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid remarkId, RemarkResponse response, CancellationToken ct)
    {
        var remark = await db.Remarks.AsNoTracking().FirstOrDefaultAsync(r => r.Id == remarkId, ct);
        if (remark is null) return NotFound();
        if (user.StaffSchoolId is { } own && own != remark.SchoolId) return Forbid();
        var result = await logs.AnswerRemarkAsync(user.Actor, remarkId, response, ct);
        if (!result.IsSuccess)
        {
            ModelState.AddModelError($"answer-{remarkId}", result.Error!.Message);
            await LoadAsync(ct);
            return Page();
        }

        TempData["Notice"] = $"Відповідь «{Remark.ResponseTitle(response)}» записано.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        var year = await RosterQueries.CurrentYearAsync(db, school, clock, ct);
        if (year is null) return;
        Classes = await RosterQueries.ClassesAsync(db, year.Id, ct);
        Subjects = (await db.Subjects.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct))
            .OrderBy(s => s.Name, Bot.Domain.Text.UkrainianText.Comparer).ToList();
        var classIds = Classes.Select(c => c.Id).ToList();
        var me = user.StaffId;
        var remarks = await db.Remarks.AsNoTracking().Where(r => classIds.Contains(r.ClassId)).ToListAsync(ct);
        var byClass = Classes.ToDictionary(c => c.Id);
        bool Mine(Remark r) => r.AddresseeId is { } a ? a == me : byClass[r.ClassId].ClassTeacherId == me && me is not null;
        var visible = remarks.Where(r => (user.IsAdministration || Mine(r)) && (All || r.IsOpen)).OrderByDescending(r => r.WrittenOn).ToList();
        var staffIds = visible.SelectMany(r => new[] { r.AuthorId, r.AddresseeId ?? Guid.Empty }).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);
        var subjects = Subjects.ToDictionary(s => s.Id, s => s.Name);
        Rows = visible.Select(r => new Row(r, byClass[r.ClassId].Name.ToString(), r.SubjectId is { } s ? subjects.GetValueOrDefault(s) : null,
            staff.GetValueOrDefault(r.AuthorId, "адміністрація"),
            r.AddresseeId is { } a ? staff.GetValueOrDefault(a) : "класний керівник", Mine(r))).ToList();
    }
}
