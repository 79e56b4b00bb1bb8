using System.ComponentModel.DataAnnotations;
using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Domain.Schools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AdminPanel.Pages.Schools;

/// <summary>
/// The installation's schools (docs/architecture.md "Tenancy", ADR 0022): the operator — an administrator account that is nobody's
/// staff — sees every school and adds one with its time zone, first year and first administrator (a one-time password
/// shown once). A school's own administration never comes here: it works on its own school only.
/// </summary>
[Authorize(Policy = Policies.Installation)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, SchoolRegistration registration, IConfiguration configuration) : PageModel
{
    public sealed class NewSchoolInput
    {
        [Display(Name = "Назва школи")]
        public string? Name { get; set; }

        [Display(Name = "Коротка назва")]
        public string? ShortName { get; set; }

        [Display(Name = "Часовий пояс (IANA)")]
        public string? TimeZone { get; set; }

        [Display(Name = "Перший адміністратор (ПІБ)")]
        public string? Administrator { get; set; }

        [Display(Name = "Логін адміністратора")]
        public string? Login { get; set; }
    }

    public sealed record SchoolRow(Guid Id, string Name, string? ShortName, string TimeZone, string? Year, int Students, int Staff);

    public List<SchoolRow> Schools { get; private set; } = [];

    [BindProperty]
    public NewSchoolInput NewSchool { get; set; } = new();

    public RegisteredSchool? Added { get; private set; }

    public string DefaultTimeZone => configuration["School:TimeZone"] is { Length: > 0 } zone ? zone : SchoolTime.DefaultTimeZone;

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSchool.TimeZone = DefaultTimeZone;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync([FromServices] CookieSecurity security, CancellationToken ct)
    {
        // The school the operator works on stays the same: without a choice the panel takes the first by name, which the new one may be.
        var current = await user.SchoolAsync(ct);
        var result = await registration.AddAsync(user.Actor,
            new Bot.Domain.Schools.NewSchool(NewSchool.Name, NewSchool.ShortName, NewSchool.TimeZone, NewSchool.Administrator, NewSchool.Login), DefaultTimeZone, ct);
        if (!result.IsSuccess)
        {
            if (result.Error.Code.StartsWith("auth.", StringComparison.Ordinal)) return Forbid();
            ModelState.AddModelError($"{nameof(NewSchool)}.{FieldOf(result.Error.Code)}", result.Error.Message);
        }
        else
        {
            Added = result.Value;
            if (current is not null && Request.Cookies[PanelUser.SchoolCookie] is null)
                Response.Cookies.Append(PanelUser.SchoolCookie, current.Id.ToString(), new Microsoft.AspNetCore.Http.CookieOptions
                    { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Secure = security.Secure || Request.IsHttps, IsEssential = true });
            NewSchool = new NewSchoolInput { TimeZone = DefaultTimeZone };
            ModelState.Clear();
        }

        await LoadAsync(ct);
        return Page();
    }

    private static string FieldOf(string code) => code switch
    {
        "school.shortName" => nameof(NewSchoolInput.ShortName),
        "school.timeZone" => nameof(NewSchoolInput.TimeZone),
        "school.administrator" => nameof(NewSchoolInput.Administrator),
        "school.login" => nameof(NewSchoolInput.Login),
        _ => nameof(NewSchoolInput.Name),
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var schools = await db.Schools.AsNoTracking().ToListAsync(ct);
        var years = await db.SchoolYears.AsNoTracking().ToListAsync(ct);
        var students = await db.Students.GroupBy(s => s.SchoolId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var staff = await db.Staff.GroupBy(s => s.SchoolId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Schools = schools.OrderBy(s => s.Name, Bot.Domain.Text.UkrainianText.Comparer)
            .Select(s => new SchoolRow(s.Id, s.Name, s.ShortName, s.TimeZone,
                years.Where(y => y.SchoolId == s.Id).MaxBy(y => y.Semester1Start)?.Title,
                students.GetValueOrDefault(s.Id), staff.GetValueOrDefault(s.Id)))
            .ToList();
    }
}
