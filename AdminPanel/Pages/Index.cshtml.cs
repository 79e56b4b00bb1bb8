using AdminPanel.Access;
using Bot.Domain.Audit;
using Bot.Domain.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AdminPanel.Pages;

/// <summary>
/// The panel's front page: each school of the installation (a member of staff sees their own), its year, size and the
/// stored verdict of its last audit check (ADR 0037 decision 4: a page view reads it and never verifies).
/// </summary>
public sealed class IndexModel(JournalDbContext db, AuditVerifier verifier, PanelUser user, TimeProvider clock) : PageModel
{
    public sealed record SchoolSummary(Guid Id, string Name, string? Year, int Classes, int Students, int Lessons, AuditStatus Audit, TimeZoneInfo Zone);

    public List<SchoolSummary> Schools { get; } = [];

    public Guid? Current { get; private set; }

    public DateTime NowUtc { get; private set; }

    public bool MayChoose => user.MayChooseSchool;

    /// <summary>An installation administrator picks the school the roster pages work on (kept in a cookie).</summary>
    [HandlerPolicy(Policies.Users)]
    public async Task<IActionResult> OnPostSchoolAsync(Guid schoolId, [FromServices] CookieSecurity security, CancellationToken ct)
    {
        if (!user.MayChooseSchool) return Forbid();
        if (!await db.Schools.AnyAsync(s => s.Id == schoolId, ct)) return NotFound();
        Response.Cookies.Append(PanelUser.SchoolCookie, schoolId.ToString(),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = security.Secure || Request.IsHttps, IsEssential = true });
        return RedirectToPage();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = (await user.SchoolAsync(ct))?.Id;
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var own = user.StaffSchoolId;
        foreach (var school in await db.Schools.AsNoTracking().Where(s => own == null || s.Id == own).OrderBy(s => s.Name).ToListAsync(ct))
        {
            var year = await db.SchoolYears.AsNoTracking().Where(y => y.SchoolId == school.Id)
                .OrderByDescending(y => y.Semester1Start).FirstOrDefaultAsync(ct);
            var classes = year is null ? 0 : await db.Classes.CountAsync(c => c.SchoolYearId == year.Id, ct);
            var students = await db.Students.CountAsync(s => s.SchoolId == school.Id, ct);
            var lessons = await db.Lessons.CountAsync(l => l.SchoolId == school.Id, ct);
            Schools.Add(new SchoolSummary(school.Id, school.Name, year?.Title, classes, students, lessons, await verifier.StatusAsync(school.Id, ct),
                Bot.Domain.Schools.SchoolTime.Resolve(school.TimeZone)));
        }
    }
}
