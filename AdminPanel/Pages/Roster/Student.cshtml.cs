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
/// A student: their classes over time (J-4), individual study, their guardians with consent. The administration
/// records leaving, a transfer, the study mode and adds guardians; everything goes through <see cref="RosterService"/>.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class StudentModel(JournalDbContext db, PanelUser user, RosterService roster, TimeProvider clock) : PageModel
{
    public sealed record EnrolmentRow(Guid ClassId, string Class, DateOnly From, DateOnly? To, bool ArrivedMidYear);
    public sealed record GuardianRow(Guid Id, string Name, string Relation, string? Phone, string Consent);

    public Student Student { get; private set; } = null!;
    public List<EnrolmentRow> Enrolments { get; private set; } = [];
    public List<GuardianRow> Guardians { get; private set; } = [];
    public List<SchoolClass> OtherClasses { get; private set; } = [];
    public EnrolmentRow? Current { get; private set; }
    public DateOnly Today { get; private set; }
    public bool MayChange => user.IsAdministration;

    public DateInput Leave { get; set; } = new();
    public AnnualFromSemester2Input AnnualFromSemester2 { get; set; } = new();
    public TransferInput Transfer { get; set; } = new();
    public GuardianInput Guardian { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, [FromForm(Name = nameof(Leave))] DateInput leave, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Leave = leave;
        if (!ModelState.IsValid) return Page();
        if (Current is null) return Fail("Leave.Date", "Учень зараз не навчається в жодному класі.");
        var result = await roster.LeaveAsync(user.Actor, id, Current.ClassId, leave.Date!.Value, ct);
        return result.IsSuccess ? Done($"Вибуття з {Current.Class} записано.") : Fail("Leave.Date", result.Error.Message);
    }

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostTransferAsync(Guid id, [FromForm(Name = nameof(Transfer))] TransferInput transfer, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Transfer = transfer;
        if (!ModelState.IsValid) return Page();
        var result = await roster.EnrolAsync(user.Actor, id, transfer.ClassId!.Value, transfer.From!.Value, ct);
        return result.IsSuccess ? Done("Переведення записано.") : Fail("Transfer.From", result.Error.Message);
    }

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostStudyModeAsync(Guid id, StudyMode mode, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        var result = await roster.SetStudyModeAsync(user.Actor, id, mode, ct);
        return result.IsSuccess ? Done($"Форма навчання: {RosterService.StudyModeTitle(mode)}.") : Fail("", result.Error.Message);
    }

    /// <summary>N-12: the student arrived displaced without semester I's records: the annual mark from semester II (or, with no date, unmarked).</summary>
    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostAnnualFromSemester2Async(Guid id, [FromForm(Name = nameof(AnnualFromSemester2))] AnnualFromSemester2Input input,
        CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        AnnualFromSemester2 = input;
        if (!ModelState.IsValid) return Page();
        var result = await roster.SetAnnualFromSemester2Async(user.Actor, id, input.Since, input.Note, ct);
        return result.IsSuccess
            ? Done(input.Since is null ? "Позначку про річну оцінку за ІІ семестр знято." : "Позначку збережено: річну оцінку можна виставити за ІІ семестр.")
            : Fail("AnnualFromSemester2.Note", result.Error.Message);
    }

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostGuardianAsync(Guid id, [FromForm(Name = nameof(Guardian))] GuardianInput guardian, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Guardian = guardian;
        if (!ModelState.IsValid) return Page();
        var result = await roster.AddGuardianAsync(user.Actor, id,
            new GuardianDetails(guardian.LastName, guardian.FirstName, guardian.MiddleName, guardian.Phone, guardian.Relation), ct);
        if (result.IsSuccess) return Done($"Додано: {result.Value!.FullName}.");
        var field = result.Error.Code switch { "phone.invalid" => "Guardian.Phone", "guardian.relation" => "Guardian.Relation", _ => "Guardian.LastName" };
        return Fail(field, result.Error.Message);
    }

    private IActionResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return RedirectToPage(new { id = Student.Id });
    }

    private PageResult Fail(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var student = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (student is null) return NotFound();
        var classes = await RosterQueries.ClassesOfStudentAsync(db, id, ct);
        if (!classes.Any(user.MaySee) && !(user.IsAdministration && (user.StaffSchoolId ?? student.SchoolId) == student.SchoolId)) return Forbid();
        Student = student;
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == student.SchoolId, ct);
        Today = SchoolTime.Today(clock, school.TimeZone);
        Enrolments = (await db.Enrolments.AsNoTracking().Where(e => e.StudentId == id).OrderBy(e => e.From).ToListAsync(ct))
            .Select(e => new EnrolmentRow(e.ClassId, classes.First(c => c.Id == e.ClassId).Name.ToString(), e.From, e.To, e.ArrivedMidYear)).ToList();
        Current = Enrolments.LastOrDefault(e => e.From <= Today && (e.To is null || e.To >= Today)) ?? Enrolments.LastOrDefault(e => e.To is null);
        var links = await db.GuardianStudents.AsNoTracking().Where(l => l.StudentId == id)
            .Join(db.Guardians, l => l.GuardianId, g => g.Id, (l, g) => new { g, l.Relation }).ToListAsync(ct);
        var guardianIds = links.Select(x => x.g.Id).ToList();
        var consents = await db.Consents.AsNoTracking().Where(c => guardianIds.Contains(c.GuardianId)).ToListAsync(ct);
        Guardians = links.OrderBy(x => x.g.SortKey, StringComparer.Ordinal).Select(x =>
        {
            var consent = consents.Where(c => c.GuardianId == x.g.Id).OrderByDescending(c => c.GivenOn).FirstOrDefault();
            var state = consent is null ? "немає" : consent.IsInForce(Today) ? $"є, від {consent.GivenOn:dd.MM.yyyy}" : $"відкликано {consent.WithdrawnOn:dd.MM.yyyy}";
            return new GuardianRow(x.g.Id, x.g.FullName, x.Relation, x.g.Phone, state);
        }).ToList();
        if (user.IsAdministration && Current is not null)
        {
            var yearId = classes.First(c => c.Id == Current.ClassId).SchoolYearId;
            OtherClasses = (await RosterQueries.ClassesAsync(db, yearId, ct)).Where(c => c.Id != Current.ClassId).ToList();
        }

        AnnualFromSemester2 = new AnnualFromSemester2Input { Since = student.AnnualFromSemester2Since, Note = student.AnnualFromSemester2Note };
        Leave.Date ??= Today;
        Transfer.From ??= Today;
        return null;
    }
}
