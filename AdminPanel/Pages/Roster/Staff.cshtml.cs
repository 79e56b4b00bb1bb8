using AdminPanel.Access;
using Bot.Domain.Identity;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages.Roster;

/// <summary>
/// The school's staff with their roles and panel accounts. The administration sees the list; only the director or
/// the school's IT (Administrator) changes roles, makes accounts, resets passwords and deactivates someone who left.
/// A generated password is shown on the answer page once and stored nowhere.
/// </summary>
[Authorize(Policy = Policies.Rosters)]
public sealed class StaffModel(JournalDbContext db, PanelUser user, StaffService staffService, PanelAccounts accounts, TimeProvider clock) : PageModel
{
    public sealed class NewStaffInput
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Вкажіть прізвище.")]
        [System.ComponentModel.DataAnnotations.StringLength(100, ErrorMessage = "Прізвище — до 100 символів.")]
        [System.ComponentModel.DataAnnotations.Display(Name = "Прізвище")]
        public string LastName { get; set; } = "";

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Вкажіть ім'я.")]
        [System.ComponentModel.DataAnnotations.StringLength(100, ErrorMessage = "Ім'я — до 100 символів.")]
        [System.ComponentModel.DataAnnotations.Display(Name = "Ім'я")]
        public string FirstName { get; set; } = "";

        [System.ComponentModel.DataAnnotations.StringLength(100, ErrorMessage = "По батькові — до 100 символів.")]
        [System.ComponentModel.DataAnnotations.Display(Name = "По батькові")]
        public string? MiddleName { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "Ролі")]
        public List<StaffRoles> Roles { get; set; } = [];
    }

    public sealed record StaffRow(Guid Id, string Name, StaffRoles Roles, string? Login, DateOnly? DeactivatedOn);

    public List<StaffRow> Staff { get; private set; } = [];
    public bool MayChange => user.Is(StaffRoles.Administrator);
    public AccountPassword? Issued { get; private set; }
    public string? IssuedFor { get; private set; }
    public DateOnly Today { get; private set; }

    public NewStaffInput NewStaff { get; set; } = new() { Roles = [StaffRoles.Teacher] };

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostAddAsync([FromForm(Name = nameof(NewStaff))] NewStaffInput input, CancellationToken ct)
    {
        NewStaff = input;
        var school = await user.SchoolAsync(ct);
        if (school is null) return await AnswerAsync(null, "У базі ще немає школи.", ct);
        var roles = input.Roles.Aggregate(StaffRoles.None, (a, r) => a | r);
        if (roles == StaffRoles.None) ModelState.AddModelError("NewStaff.Roles", "Оберіть хоча б одну роль.");
        if (!ModelState.IsValid) return await AnswerAsync(null, null, ct);
        var result = await staffService.AddAsync(user.Actor, school.Id, input.LastName, input.FirstName, input.MiddleName, roles, ct);
        return result.IsSuccess
            ? await AnswerAsync($"Додано: {result.Value!.FullName} ({roles.Title()}). Створіть йому вхід до панелі в рядку списку.", null, ct)
            : await AnswerAsync(null, result.Error.Message, ct);
    }

    /// <summary>
    /// A handler about one member of staff works only on the signed-in person's school: another school's staff member of
    /// the installation is 404, as if unknown (ADR 0022) — the staff services take a staff id and trust the page for that.
    /// </summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (context.HandlerArguments.TryGetValue("staffId", out var value) && value is Guid staffId)
        {
            var ct = HttpContext.RequestAborted;
            var school = await user.SchoolAsync(ct);
            if (school is null || !await db.Staff.AnyAsync(s => s.Id == staffId && s.SchoolId == school.Id, ct))
            {
                context.Result = NotFound();
                return;
            }
        }

        await next();
    }

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostRolesAsync(Guid staffId, List<StaffRoles> roles, CancellationToken ct)
    {
        var combined = roles.Aggregate(StaffRoles.None, (a, r) => a | r);
        var result = await staffService.SetRolesAsync(user.Actor, staffId, combined, ct);
        return await AnswerAsync(result.IsSuccess ? $"Ролі змінено: {combined.Title()}." : null, result.Error?.Message, ct);
    }

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostAccountAsync(Guid staffId, string? login, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(login)) return await AnswerAsync(null, "Вкажіть логін: латинські літери, цифри, крапка, дефіс.", ct);
        var result = await accounts.CreateForStaffAsync(staffId, login);
        if (!result.IsSuccess) return await AnswerAsync(null, result.Error.Message, ct);
        Issued = result.Value;
        return await AnswerAsync(null, null, ct, staffId);
    }

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostResetAsync(Guid staffId, CancellationToken ct)
    {
        var login = await db.Users.AsNoTracking().Where(u => u.StaffId == staffId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        if (login is null) return await AnswerAsync(null, "У працівника немає облікового запису.", ct);
        var result = await accounts.ResetPasswordAsync(login);
        if (!result.IsSuccess) return await AnswerAsync(null, result.Error.Message, ct);
        Issued = result.Value;
        return await AnswerAsync(null, null, ct, staffId);
    }

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostDeactivateAsync(Guid staffId, DateOnly? date, CancellationToken ct)
    {
        var result = await staffService.DeactivateAsync(user.Actor, staffId, date ?? await TodayAsync(ct), ct);
        if (!result.IsSuccess) return await AnswerAsync(null, result.Error.Message, ct);
        await accounts.CloseForStaffAsync(staffId);
        return await AnswerAsync($"{result.Value!.FullName}: деактивовано. Вхід закрито, прив'язки до месенджерів закрито, історія збережена.", null, ct);
    }

    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostReactivateAsync(Guid staffId, CancellationToken ct)
    {
        var result = await staffService.ReactivateAsync(user.Actor, staffId, ct);
        if (!result.IsSuccess) return await AnswerAsync(null, result.Error.Message, ct);
        await accounts.ReopenForStaffAsync(staffId);
        return await AnswerAsync($"{result.Value!.FullName}: знову працює. Для входу видайте новий пароль.", null, ct);
    }

    private async Task<IActionResult> AnswerAsync(string? notice, string? error, CancellationToken ct, Guid? issuedFor = null)
    {
        if (notice is not null)
        {
            TempData["Notice"] = notice;
            return RedirectToPage();
        }

        if (error is not null) ModelState.AddModelError("", error);
        await LoadAsync(ct);
        IssuedFor = issuedFor is { } id ? Staff.FirstOrDefault(s => s.Id == id)?.Name : null;
        return Page();
    }

    private async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        return SchoolTime.Today(clock, school?.TimeZone ?? SchoolTime.DefaultTimeZone);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var school = await user.SchoolAsync(ct);
        if (school is null) return;
        Today = SchoolTime.Today(clock, school.TimeZone);
        var staff = await db.Staff.AsNoTracking().Where(s => s.SchoolId == school.Id).ToListAsync(ct);
        var logins = await db.Users.AsNoTracking().Where(u => u.StaffId != null).ToDictionaryAsync(u => u.StaffId!.Value, u => u.UserName, ct);
        Staff = staff.OrderBy(s => s.IsActive ? 0 : 1).ThenBy(s => s.SortKey, StringComparer.Ordinal)
            .Select(s => new StaffRow(s.Id, s.FullName, s.Roles, logins.GetValueOrDefault(s.Id), s.DeactivatedOn)).ToList();
    }
}
