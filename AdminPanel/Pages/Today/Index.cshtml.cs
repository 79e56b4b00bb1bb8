using System.Globalization;
using AdminPanel.Access;
using Bot.Domain.Persistence;
using Bot.Domain.Roster;
using Bot.Domain.Today;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPanel.Pages.Today;

/// <summary>
/// The first page of a member of staff: a teacher's today — today's lessons by the school's timetable with
/// what is recorded for each and the lessons of the last days left without a record (<see cref="TeacherToday"/>); the
/// director's and the deputies' — the school today (<see cref="SchoolToday"/>). A deputy or a director who teaches sees
/// both. The page only reads; it never verifies the audit chain.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IndexModel(JournalDbContext db, PanelUser user, TimeProvider clock, Bot.Domain.Audit.AuditVerifier verifier) : PageModel
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    public TeacherTodayView? Teacher { get; private set; }
    public SchoolTodayView? School { get; private set; }

    /// <summary>The audit trail's last stored verdict (ADR 0037): read, never verified on a page view.</summary>
    public Bot.Domain.Audit.AuditStatus? Audit { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public bool IsAdministration => user.IsAdministration;
    public bool MayOperations => user.Is(StaffRoles.Administrator);

    public DateOnly Today => School?.Today ?? Teacher?.Today ?? DateOnly.MinValue;

    /// <summary>"понеділок, 7 грудня".</summary>
    public static string Day(DateOnly date) => date.ToString("dddd, d MMMM", Ukrainian);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The installation's operator has no school of their own: the schools' list is their first page.
        if (user.StaffId is not { } staffId || user.StaffSchoolId is not { } schoolId) return Redirect(Url.Content(PanelStart.Overview));
        if (user.IsAdministration)
        {
            School = await SchoolToday.LoadAsync(db, clock, schoolId, ct);
            Audit = await verifier.StatusAsync(schoolId, ct);
            Zone = (await user.SchoolAsync(ct)) is { } school ? Bot.Domain.Schools.SchoolTime.Resolve(school.TimeZone) : TimeZoneInfo.Utc;
        }
        if (user.Is(StaffRoles.Teacher) || !user.IsAdministration) Teacher = await TeacherToday.LoadAsync(db, clock, schoolId, staffId, ct);
        return Page();
    }

    /// <summary>The journal grid of a lesson's page, opened at the lesson's column (or with the lesson form set to it, when it has no record yet).</summary>
    public string GridUrl(Guid classId, Guid subjectId, Guid? groupId, DateOnly date, int number, int? semester) =>
        Url.Content($"~/Journal/Grid/{classId}/{subjectId}" + (groupId is { } g ? $"/{g}" : ""))
        + $"?on={date:yyyy-MM-dd}&slot={number}" + (semester is { } s ? $"&period=Semester{s}" : "");

    public string ClassTeacherUrl(Guid classId) => Url.Content($"~/ClassTeacher/{classId}");
}
