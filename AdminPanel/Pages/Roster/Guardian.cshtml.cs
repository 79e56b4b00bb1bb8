using AdminPanel.Access;
using Bot.Domain.Journal;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Roster;

/// <summary>
/// A guardian: their children, phone and relation, and consent to data processing (seed 002, 3.2) with the date and who
/// recorded it. The class teacher of a child or the administration records consent or its withdrawal; after a
/// withdrawal nothing more is sent to the guardian. The administration corrects the phone and the relation.
/// </summary>
[Authorize(Policy = Policies.ClassLists)]
public sealed class GuardianModel(JournalDbContext db, PanelUser user, RosterService roster, ClassLogService logs, TimeProvider clock) : PageModel
{
    public sealed record ChildRow(Guid Id, string Name, string Relation);
    public sealed record ConsentRow(DateOnly GivenOn, string RecordedBy, DateTime RecordedAtLocal, DateOnly? WithdrawnOn);

    public Guardian Guardian { get; private set; } = null!;
    public List<ChildRow> Children { get; private set; } = [];
    public List<ConsentRow> Consents { get; private set; } = [];
    public bool HasConsentInForce { get; private set; }
    public bool MayChange => user.IsAdministration;

    public DateInput Consent { get; set; } = new();
    public DateInput Withdrawal { get; set; } = new();
    public GuardianInput Details { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostConsentAsync(Guid id, [FromForm(Name = nameof(Consent))] DateInput consent, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Consent = consent;
        if (!ModelState.IsValid) return Page();
        if (user.StaffId is null) return Fail("Consent.Date", "Згоду записує працівник школи: увійдіть під своїм обліковим записом, а не адміністратора встановлення.");
        var result = await logs.RecordConsentAsync(user.Actor, id, consent.Date!.Value, ct);
        return result.IsSuccess ? Done($"Згоду від {consent.Date:dd.MM.yyyy} записано.") : Fail("Consent.Date", result.Error.Message);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, [FromForm(Name = nameof(Withdrawal))] DateInput withdrawal, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Withdrawal = withdrawal;
        if (!ModelState.IsValid) return Page();
        var result = await roster.WithdrawConsentAsync(user.Actor, id, withdrawal.Date!.Value, ct);
        return result.IsSuccess ? Done("Згоду відкликано: повідомлення цим батькам більше не надсилаються.") : Fail("Withdrawal.Date", result.Error.Message);
    }

    [HandlerPolicy(Policies.Rosters)]
    public async Task<IActionResult> OnPostDetailsAsync(Guid id, Guid studentId, [FromForm(Name = nameof(Details))] GuardianInput details, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } stop) return stop;
        Details = details;
        ModelState.Remove("Details.LastName");
        ModelState.Remove("Details.FirstName");
        if (!ModelState.IsValid) return Page();
        var result = await roster.UpdateGuardianAsync(user.Actor, id, studentId, details.Phone, details.Relation, ct);
        if (result.IsSuccess) return Done("Зміни збережено.");
        return Fail(result.Error.Code == "phone.invalid" ? "Details.Phone" : "Details.Relation", result.Error.Message);
    }

    private IActionResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return RedirectToPage(new { id = Guardian.Id });
    }

    private PageResult Fail(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var guardian = await db.Guardians.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (guardian is null) return NotFound();
        var classes = await RosterQueries.ClassesOfGuardianAsync(db, id, ct);
        if (!classes.Any(user.MaySee) && !(user.IsAdministration && (user.StaffSchoolId ?? guardian.SchoolId) == guardian.SchoolId)) return Forbid();
        Guardian = guardian;
        var school = await db.Schools.AsNoTracking().FirstAsync(s => s.Id == guardian.SchoolId, ct);
        var today = SchoolTime.Today(clock, school.TimeZone);
        Children = await db.GuardianStudents.AsNoTracking().Where(l => l.GuardianId == id)
            .Join(db.Students, l => l.StudentId, s => s.Id, (l, s) => new ChildRow(s.Id, s.LastName + " " + s.FirstName, l.Relation)).ToListAsync(ct);
        var consents = await db.Consents.AsNoTracking().Where(c => c.GuardianId == id).OrderByDescending(c => c.GivenOn).ToListAsync(ct);
        var recorders = consents.Where(c => c.RecordedById != null).Select(c => c.RecordedById!.Value).Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => recorders.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ShortName, ct);
        var zone = SchoolTime.Resolve(school.TimeZone);
        Consents = consents.Select(c => new ConsentRow(c.GivenOn, c.RecordedById is { } by ? names.GetValueOrDefault(by) ?? "—" : $"самі батьки в чаті ({c.GivenIn}, текст версії {c.TextVersion})",
            TimeZoneInfo.ConvertTimeFromUtc(c.RecordedAtUtc, zone), c.WithdrawnOn)).ToList();
        HasConsentInForce = consents.Any(c => c.IsInForce(today));
        Consent.Date ??= today;
        Withdrawal.Date ??= today;
        if (Details.Relation == "мати" && Children.Count > 0) Details.Relation = Children[0].Relation;
        Details.Phone ??= guardian.Phone;
        return null;
    }
}
